import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIApplicationCommandOptionChoice,
  type RESTGetAPIGatewayBotResult,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandRegistry } from './commands.js';
import type { FaultQueue, FaultTarget } from './faults.js';
import type { FakeInteraction, InteractionStore, MessageBody } from './interactions.js';
import { choiceViolations, invalidFormBody, messageViolations, type LimitViolation } from './limits.js';
import type { World } from './world.js';

/** One REST request the fake received, and the status it answered with. */
export interface RecordedRequest {
  method: string;
  /** Path below the versioned API base, such as `/interactions/123/abc/callback`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** The answer's body, for error responses. */
  response?: unknown;
  at: number;
}

export interface RestDependencies {
  world: World;
  token: string | undefined;
  gatewayUrl: string;
  recommendedShards: number;
  callbackDeadlineMs: number;
  commands: CommandRegistry;
  interactions: InteractionStore;
  faults: FaultQueue;
  requests: RecordedRequest[];
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Request {
  method: string;
  params: string[];
  query: URLSearchParams;
  body: unknown;
  authorization: string | undefined;
}

type Handler = (request: Request) => Reply;

const API_PREFIX = '/api/v10';

const ok = (body: unknown): Reply => ({ status: 200, body });
const noContent: Reply = { status: 204 };
const error = (status: number, code: number, message: string): Reply => ({ status, body: { code, message } });
const invalid = (violations: LimitViolation[]): Reply => ({ status: 400, body: invalidFormBody(violations) });
const unknownInteraction = (): Reply => error(404, 10062, 'Unknown interaction');

/** Which initial responses Discord accepts for each kind of interaction. */
const ALLOWED_RESPONSES: Partial<Record<InteractionType, InteractionResponseType[]>> = {
  [InteractionType.ApplicationCommand]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
  ],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [InteractionResponseType.ApplicationCommandAutocompleteResult],
};

/** The REST half of the fake: routes under `/api/v10`, with Discord's validation and error codes. */
export function createRestHandler(deps: RestDependencies): (req: IncomingMessage, res: ServerResponse) => void {
  const { world, commands, interactions } = deps;

  const botOnly =
    (handler: Handler): Handler =>
    (request) => {
      const expected = deps.token === undefined ? /^Bot \S+$/ : new RegExp(`^Bot ${escapeRegExp(deps.token)}$`);
      return expected.test(request.authorization ?? '') ? handler(request) : error(401, 0, '401: Unauthorized');
    };

  const interactionFor = (applicationId: string, token: string): FakeInteraction | undefined =>
    applicationId === world.applicationId ? interactions.findByToken(token) : undefined;

  const putCommands = (scope: 'global' | 'guild'): Handler =>
    botOnly(({ params, body }) => {
      if (params[0] !== world.applicationId) return error(403, 50001, 'Missing Access');
      const guildId = scope === 'guild' ? params[1] : undefined;
      return ok(commands.put({ scope, guildId, body: body as RESTPutAPIApplicationCommandsJSONBody }));
    });

  const callback: Handler = ({ params, query, body }) => {
    const interaction = interactions.findById(params[0]);
    if (!interaction || interaction.token !== params[1]) return unknownInteraction();
    if (Date.now() - interaction.sentAt > deps.callbackDeadlineMs) return unknownInteraction();
    if (interaction.callback) return error(400, 40060, 'Interaction has already been acknowledged.');
    const { type, data } = body as { type: InteractionResponseType; data?: MessageBody & { choices?: APIApplicationCommandOptionChoice[] } };
    if (!ALLOWED_RESPONSES[interaction.payload.type]?.includes(type)) {
      return error(400, 50035, `Interaction response type ${type} is not valid for this interaction`);
    }
    const violations =
      type === InteractionResponseType.ApplicationCommandAutocompleteResult
        ? choiceViolations(data?.choices)
        : messageViolations(data ?? {});
    if (violations.length > 0) return invalid(violations);
    interactions.respond(interaction, type, data);
    if (query.get('with_response') !== 'true') return noContent;
    const message = interaction.original;
    return ok({
      interaction: {
        id: interaction.id,
        type: interaction.payload.type,
        response_message_id: message?.id,
        response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource,
        response_message_ephemeral: ((message?.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
      },
      resource: { type, message },
    });
  };

  const original =
    (action: (interaction: FakeInteraction, body: MessageBody) => Reply): Handler =>
    ({ params, body }) => {
      const interaction = interactionFor(params[0], params[1]);
      if (!interaction) return error(404, 10015, 'Unknown Webhook');
      if (!interaction.original) return error(404, 10008, 'Unknown Message');
      return action(interaction, body as MessageBody);
    };

  const validated =
    (action: (interaction: FakeInteraction, body: MessageBody) => Reply) =>
    (interaction: FakeInteraction, body: MessageBody): Reply => {
      const violations = messageViolations(body);
      return violations.length > 0 ? invalid(violations) : action(interaction, body);
    };

  const routes: [string, RegExp, Handler, FaultTarget?][] = [
    [
      'GET',
      /^\/gateway\/bot$/,
      botOnly(() =>
        ok({
          url: deps.gatewayUrl,
          shards: deps.recommendedShards,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 1 },
        } satisfies RESTGetAPIGatewayBotResult),
      ),
    ],
    ['GET', /^\/gateway$/, () => ok({ url: deps.gatewayUrl })],
    ['GET', /^\/users\/@me$/, botOnly(() => ok(world.bot))],
    [
      'GET',
      /^\/applications\/@me$/,
      botOnly(() => ok({ id: world.applicationId, name: world.applicationName, bot: world.bot, flags: 0 })),
    ],
    ['PUT', /^\/applications\/(\d+)\/commands$/, putCommands('global')],
    ['PUT', /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, putCommands('guild')],
    ['GET', /^\/applications\/(\d+)\/commands$/, botOnly(() => ok(commands.list('global')))],
    ['GET', /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, botOnly(({ params }) => ok(commands.list('guild', params[1])))],
    ['POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/, callback, 'callback'],
    ['GET', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, original((i) => ok(i.original))],
    [
      'PATCH',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/,
      original(validated((i, body) => ok(interactions.editOriginal(i, body)))),
      'webhook',
    ],
    [
      'DELETE',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/,
      original((i) => {
        i.original = undefined;
        return noContent;
      }),
      'webhook',
    ],
    [
      'POST',
      /^\/webhooks\/(\d+)\/([^/]+)$/,
      (request) => {
        const interaction = interactionFor(request.params[0], request.params[1]);
        if (!interaction) return error(404, 10015, 'Unknown Webhook');
        if (!interaction.callback) return error(400, 40060, 'The interaction has not been acknowledged');
        return validated((i, body) => ok(interactions.followup(i, body)))(interaction, request.body as MessageBody);
      },
      'webhook',
    ],
  ];

  const route = (request: Omit<Request, 'params'>, path: string): Reply => {
    for (const [method, pattern, handler, faultTarget] of routes) {
      const match = pattern.exec(path);
      if (!match || method !== request.method) continue;
      const fault = faultTarget && deps.faults.take(faultTarget);
      if (fault) return { status: fault.status, body: fault.body, headers: fault.headers };
      try {
        return handler({ ...request, params: match.slice(1) });
      } catch (problem) {
        // A request the fake cannot make sense of must fail the bot's call, not the test process.
        return error(500, 0, `Fake Discord could not handle the request: ${(problem as Error).message}`);
      }
    }
    return error(404, 0, '404: Not Found');
  };

  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const pathname = decodeURIComponent(url.pathname);
      const path = pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) : pathname;
      const method = req.method ?? 'GET';
      const body = parseJson(Buffer.concat(chunks).toString('utf8'));
      const reply = !pathname.startsWith(API_PREFIX)
        ? error(404, 0, '404: Not Found')
        : body instanceof SyntaxError
          ? error(400, 50109, 'The request body contains invalid JSON.')
          : route({ method, query: url.searchParams, body, authorization: req.headers.authorization }, path);
      deps.requests.push({
        method,
        path,
        query: Object.fromEntries(url.searchParams),
        body,
        status: reply.status,
        response: reply.status >= 400 ? reply.body : undefined,
        at: Date.now(),
      });
      res.writeHead(reply.status, { ...(reply.body === undefined ? {} : { 'content-type': 'application/json' }), ...reply.headers });
      res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
    });
  };
}

/** The parsed body, undefined when empty, or the SyntaxError when it is not JSON. */
function parseJson(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch (problem) {
    return problem;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
