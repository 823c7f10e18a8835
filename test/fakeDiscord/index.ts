import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GatewayDispatchEvents,
  InteractionResponseType,
  type APIApplicationCommandOptionChoice,
  type APIMessage,
  type APIUser,
} from 'discord-api-types/v10';
import { CommandRegistry, type CommandRegistration } from './commands.js';
import { FaultQueue, type Fault, type FaultTarget } from './faults.js';
import { FakeGateway, type GatewaySession } from './gateway.js';
import {
  InteractionStore,
  type CommandOptions,
  type FakeInteraction,
  type InteractionContext,
  type InteractionReply,
} from './interactions.js';
import { createRestHandler, type RecordedRequest } from './rest.js';
import { createWorld, makeUser, type World } from './world.js';

export { Faults, type Fault, type FaultTarget } from './faults.js';
export { DISCORD_LIMITS, type LimitViolation } from './limits.js';
export { makeUser } from './world.js';
export type { CommandOptions, FakeInteraction, InteractionContext, InteractionReply, MessageBody } from './interactions.js';
export type { CommandRegistration } from './commands.js';
export type { GatewaySession } from './gateway.js';
export type { RecordedRequest } from './rest.js';
export type { World } from './world.js';

export interface FakeDiscordOptions {
  /** The only bot token accepted (REST and IDENTIFY); by default any token is accepted. */
  token?: string;
  /** How many guilds the bot is in. Default 1. */
  guilds?: number;
  /** `shards` in `GET /gateway/bot`, which `SHARDS=auto` follows. Default 1. */
  recommendedShards?: number;
  /** How long after dispatch an initial response is still accepted; Discord allows 3 s. */
  callbackDeadlineMs?: number;
  heartbeatIntervalMs?: number;
}

const DEFAULT_WAIT_MS = 10_000;

/**
 * A small Discord on 127.0.0.1: REST under `/api/v10` and a gateway under `/gateway`, enough for an
 * unmodified discord.js client to log in, receive interactions and answer them.
 */
export class FakeDiscord {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** What discord.js takes as `rest.api` and the bot as `DISCORD_API_BASE`. */
  readonly apiBase: string;
  readonly world: World;
  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  private readonly gateway: FakeGateway;
  private readonly commands: CommandRegistry;
  private readonly interactions: InteractionStore;
  private readonly faults = new FaultQueue();

  private constructor(
    private readonly server: Server,
    port: number,
    options: FakeDiscordOptions,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.apiBase = `${this.url}/api`;
    this.world = createWorld(options.guilds ?? 1);
    this.commands = new CommandRegistry(this.world.applicationId);
    this.interactions = new InteractionStore(this.world, this.commands);
    this.gateway = new FakeGateway(
      { world: this.world, token: options.token, heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250 },
      this.url,
    );
    server.on(
      'request',
      createRestHandler({
        world: this.world,
        token: options.token,
        gatewayUrl: this.gateway.url,
        recommendedShards: options.recommendedShards ?? 1,
        callbackDeadlineMs: options.callbackDeadlineMs ?? 3_000,
        commands: this.commands,
        interactions: this.interactions,
        faults: this.faults,
        requests: this.requests,
      }),
    );
    server.on('upgrade', (request, socket, head) => {
      if (request.url?.startsWith('/gateway')) this.gateway.upgrade(request, socket, head);
      else socket.destroy();
    });
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new FakeDiscord(server, (server.address() as AddressInfo).port, options);
  }

  get gatewayUrl(): string {
    return this.gateway.url;
  }

  /** Every bulk PUT of application commands, in order. */
  get registrations(): CommandRegistration[] {
    return this.commands.registrations;
  }

  get sessions(): GatewaySession[] {
    return this.gateway.sessions;
  }

  /** Close codes of gateway connections the bot closed itself (1000 after `client.destroy()`). */
  get clientCloseCodes(): number[] {
    return this.gateway.clientCloseCodes;
  }

  /** Requests that carried a message (replies, edits, follow-ups), for checks such as `allowed_mentions`. */
  get messageRequests(): RecordedRequest[] {
    return this.requests.filter((r) => {
      if (/^\/webhooks\//.test(r.path)) return r.method === 'PATCH' || r.method === 'POST';
      const type = (r.body as { type?: InteractionResponseType } | undefined)?.type;
      return (
        /\/callback$/.test(r.path) &&
        (type === InteractionResponseType.ChannelMessageWithSource || type === InteractionResponseType.UpdateMessage)
      );
    });
  }

  /** Requests the fake refused with a 4xx or 5xx (injected faults included). */
  get rejectedRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.status >= 400);
  }

  /** Resolves once `shards` sessions (default 1) got READY and their GUILD_CREATEs. */
  waitForReady({ shards = 1, timeoutMs = 30_000 } = {}): Promise<GatewaySession[]> {
    return this.gateway.waitForReady(shards, timeoutMs);
  }

  /** A user as interactions carry it; each call without `id` is a new person. */
  newUser(id?: string): APIUser {
    return makeUser(id);
  }

  /** Sends a slash command the way Discord does (INTERACTION_CREATE on the guild's shard). */
  sendCommand(name: string, options: CommandOptions = {}, context: InteractionContext = {}): FakeInteraction {
    return this.deliver(this.interactions.chatInput(name, options, context));
  }

  /** Sends an autocomplete request while the user types into option `focused`. */
  sendAutocomplete(name: string, options: CommandOptions, focused: string, context: InteractionContext = {}): FakeInteraction {
    return this.deliver(this.interactions.autocomplete(name, options, focused, context));
  }

  /** Clicks the button `customId` under `message`. */
  clickButton(message: APIMessage, customId: string, context: InteractionContext = {}): FakeInteraction {
    return this.deliver(this.interactions.button(message, customId, context));
  }

  /** The visible reply to an interaction: its type-4/7 response, or the edit that follows a deferral. */
  waitForReply(interaction: FakeInteraction, timeoutMs = DEFAULT_WAIT_MS): Promise<InteractionReply> {
    return this.interactions.waitForReply(interaction, timeoutMs);
  }

  waitForChoices(interaction: FakeInteraction, timeoutMs = DEFAULT_WAIT_MS): Promise<APIApplicationCommandOptionChoice[]> {
    return this.interactions.waitForChoices(interaction, timeoutMs);
  }

  /** Makes the next `times` requests of `target` fail with `fault` (see `Faults`). */
  failNext(target: FaultTarget, fault: Fault, times = 1): void {
    this.faults.add(target, fault, times);
  }

  /** The latest ready gateway session of `shard`. */
  private readySession(shard: number): GatewaySession {
    const session = this.gateway.sessions.findLast((s) => s.ready && s.shard[0] === shard);
    if (!session) throw new Error(`No ready session for shard ${shard}`);
    return session;
  }

  /**
   * Cuts the gateway connection of `shard` (default 0) without a close frame, or with `closeCode`,
   * and resolves once the bot has resumed the session.
   */
  async dropConnection({ shard = 0, closeCode, timeoutMs = 30_000 }: { shard?: number; closeCode?: number; timeoutMs?: number } = {}): Promise<void> {
    const session = this.readySession(shard);
    const resumes = session.resumes;
    this.gateway.dropConnection(session, closeCode);
    await this.gateway.waitForResume(session, resumes + 1, timeoutMs);
  }

  /**
   * Forgets the session of `shard` (default 0) and closes its connection with `closeCode` (default
   * 4009, session timed out), so that the bot must IDENTIFY again; resolves with the new session once READY.
   */
  async invalidateSession({ shard = 0, closeCode = 4009, timeoutMs = 30_000 }: { shard?: number; closeCode?: number; timeoutMs?: number } = {}): Promise<GatewaySession> {
    const session = this.readySession(shard);
    const known = [...this.gateway.sessions];
    this.gateway.invalidateSession(session, closeCode);
    return this.gateway.waitForNewSession(known, shard, timeoutMs);
  }

  /**
   * Closes the gateway connection of `shard` with a close code the client cannot recover from (such as
   * 4004, authentication failed: the token was reset) and forgets the session. Waits for nothing.
   */
  closeForGood({ shard = 0, closeCode = 4004 }: { shard?: number; closeCode?: number } = {}): void {
    const session = this.readySession(shard);
    this.gateway.invalidateSession(session, closeCode);
  }

  /** Resolves once the bot has closed `count` gateway connections itself; returns all close codes. */
  waitForClientClose({ count = 1, timeoutMs = DEFAULT_WAIT_MS } = {}): Promise<number[]> {
    return this.gateway.waitForClientClose(count, timeoutMs);
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private deliver(interaction: FakeInteraction): FakeInteraction {
    const session = this.gateway.sessionForGuild(interaction.payload.guild_id);
    if (!session) throw new Error('The bot has no ready gateway session for that guild');
    this.gateway.dispatch(session, GatewayDispatchEvents.InteractionCreate, interaction.payload);
    return interaction;
  }
}

/** Starts a fake Discord on 127.0.0.1 with a free port. Call `close()` when done. */
export function startFakeDiscord(options?: FakeDiscordOptions): Promise<FakeDiscord> {
  return FakeDiscord.start(options);
}
