import { EventEmitter } from 'node:events';
import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageType,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIMessageComponentButtonInteraction,
  type APIApplicationCommandOptionChoice,
  type APIEmbed,
  type APIInteraction,
  type APIMessage,
  type APIUser,
} from 'discord-api-types/v10';
import type { CommandRegistry } from './commands.js';
import { opaqueToken, snowflake } from './ids.js';
import { waitFor } from './wait.js';
import { guildMember, makeUser, PERMISSIONS, type World } from './world.js';

/** Option values as a user types them: strings, numbers and booleans by option name. */
export type CommandOptions = Record<string, string | number | boolean>;

/** Who sends an interaction and from where; defaults to a fresh user in the first guild. */
export interface InteractionContext {
  user?: APIUser;
  guildId?: string;
}

/** Message fields a reply, an edit or a follow-up may set. */
export interface MessageBody {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: APIMessage['components'] | null;
  flags?: number | null;
  allowed_mentions?: unknown;
}

/** An interaction the fake has sent, with everything the bot did in response. */
export interface FakeInteraction {
  readonly id: string;
  readonly token: string;
  readonly payload: APIInteraction;
  readonly sentAt: number;
  callback?: { type: InteractionResponseType; data: unknown; at: number };
  /** The original response message, once it exists (after a reply, or the first edit after a deferral). */
  original?: APIMessage;
  /** Every PATCH of the original response, in order. */
  edits: APIMessage[];
  followups: APIMessage[];
}

/** The visible outcome of an interaction: the reply message, and how the bot got there. */
export interface InteractionReply {
  callbackType: InteractionResponseType;
  /** True when the bot acknowledged first (type 5 or 6) and edited afterwards. */
  deferred: boolean;
  ephemeral: boolean;
  message: APIMessage;
  /** Milliseconds from dispatch to the initial callback, and to the visible reply. */
  callbackMs: number;
  replyMs: number;
}

const DEFERRED = new Set([InteractionResponseType.DeferredChannelMessageWithSource, InteractionResponseType.DeferredMessageUpdate]);

/** Builds interaction payloads like Discord's and tracks how the bot answered each. */
export class InteractionStore extends EventEmitter {
  private readonly byId = new Map<string, FakeInteraction>();
  private readonly byToken = new Map<string, FakeInteraction>();

  constructor(
    private readonly world: World,
    private readonly commands: CommandRegistry,
  ) {
    super();
    // Every pending waitForReply/waitForChoices listens here; hundreds at once is normal under load.
    this.setMaxListeners(0);
  }

  findById(id: string): FakeInteraction | undefined {
    return this.byId.get(id);
  }

  findByToken(token: string): FakeInteraction | undefined {
    return this.byToken.get(token);
  }

  chatInput(name: string, options: CommandOptions, context: InteractionContext): FakeInteraction {
    const base = this.base(context);
    return this.track({
      ...base,
      type: InteractionType.ApplicationCommand,
      data: {
        id: this.commandId(name, base.guild_id),
        name,
        type: ApplicationCommandType.ChatInput,
        options: this.options(name, base.guild_id, options),
        guild_id: base.guild_id,
      },
    } satisfies APIChatInputApplicationCommandGuildInteraction);
  }

  autocomplete(name: string, options: CommandOptions, focused: string, context: InteractionContext): FakeInteraction {
    const base = this.base(context);
    const typed = this.options(name, base.guild_id, options);
    return this.track({
      ...base,
      type: InteractionType.ApplicationCommandAutocomplete,
      data: {
        id: this.commandId(name, base.guild_id),
        name,
        type: ApplicationCommandType.ChatInput,
        options: typed.map((o) => (o.name === focused ? ({ ...o, focused: true } as typeof o) : o)),
        guild_id: base.guild_id,
      },
    } satisfies APIApplicationCommandAutocompleteGuildInteraction);
  }

  button(message: APIMessage, customId: string, context: InteractionContext): FakeInteraction {
    return this.track({
      ...this.base(context),
      type: InteractionType.MessageComponent,
      data: { custom_id: customId, component_type: ComponentType.Button },
      message,
    } satisfies APIMessageComponentButtonInteraction);
  }

  /** Records the initial response and, for a reply or an update, the message it produces. */
  respond(interaction: FakeInteraction, type: InteractionResponseType, data: unknown): void {
    interaction.callback = { type, data, at: Date.now() };
    const body = (data ?? {}) as MessageBody;
    if (type === InteractionResponseType.ChannelMessageWithSource) {
      interaction.original = this.message(interaction, body, body.flags ?? 0);
    } else if (type === InteractionResponseType.DeferredChannelMessageWithSource) {
      interaction.original = this.message(interaction, { content: '' }, (body.flags ?? 0) | MessageFlags.Loading);
    } else if (type === InteractionResponseType.UpdateMessage || type === InteractionResponseType.DeferredMessageUpdate) {
      interaction.original = this.updated(interaction.payload.message, body);
    }
    this.emit('change');
  }

  /** Applies a PATCH of the original response. */
  editOriginal(interaction: FakeInteraction, body: MessageBody): APIMessage {
    const base = interaction.original ?? this.message(interaction, {}, 0);
    const edited = this.updated(base, body);
    edited.flags = (base.flags ?? 0) & ~MessageFlags.Loading;
    interaction.original = edited;
    interaction.edits.push(edited);
    this.emit('change');
    return edited;
  }

  followup(interaction: FakeInteraction, body: MessageBody): APIMessage {
    const message = this.message(interaction, body, body.flags ?? 0);
    interaction.followups.push(message);
    this.emit('change');
    return message;
  }

  /** The visible reply: a type-4 or type-7 response, or the first edit after a deferral. */
  waitForReply(interaction: FakeInteraction, timeoutMs: number): Promise<InteractionReply> {
    return waitFor(
      this,
      'change',
      () => {
        const callback = interaction.callback;
        if (!callback) return undefined;
        if (callback.type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
          throw new Error(`Interaction ${interaction.id} got autocomplete choices, not a reply`);
        }
        const deferred = DEFERRED.has(callback.type);
        const message = deferred ? interaction.edits[0] : interaction.original;
        if (!message) return undefined;
        const repliedAt = deferred ? Date.parse(message.edited_timestamp ?? message.timestamp) : callback.at;
        return {
          callbackType: callback.type,
          deferred,
          ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
          message,
          callbackMs: callback.at - interaction.sentAt,
          replyMs: repliedAt - interaction.sentAt,
        };
      },
      timeoutMs,
      `the reply to interaction ${interaction.id}`,
    );
  }

  waitForChoices(interaction: FakeInteraction, timeoutMs: number): Promise<APIApplicationCommandOptionChoice[]> {
    return waitFor(
      this,
      'change',
      () => {
        const callback = interaction.callback;
        if (!callback) return undefined;
        if (callback.type !== InteractionResponseType.ApplicationCommandAutocompleteResult) {
          throw new Error(`Interaction ${interaction.id} got response type ${callback.type}, not autocomplete choices`);
        }
        return (callback.data as { choices?: APIApplicationCommandOptionChoice[] }).choices ?? [];
      },
      timeoutMs,
      `autocomplete choices for interaction ${interaction.id}`,
    );
  }

  /** The fields every guild interaction carries, as Discord sends them. */
  private base(context: InteractionContext) {
    const guild = context.guildId ? this.world.guilds.find((g) => g.id === context.guildId) : this.world.guilds[0];
    if (!guild) throw new Error(`Unknown guild ${context.guildId}`);
    return {
      id: snowflake(),
      application_id: this.world.applicationId,
      token: `interaction.${opaqueToken()}`,
      version: 1 as const,
      guild_id: guild.id,
      guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
      channel_id: guild.channelId,
      channel: { id: guild.channelId, type: ChannelType.GuildText as const, guild_id: guild.id, name: 'news' },
      member: { ...guildMember(context.user ?? makeUser(), new Date().toISOString()), permissions: PERMISSIONS },
      app_permissions: PERMISSIONS,
      locale: Locale.EnglishUS,
      guild_locale: Locale.EnglishUS,
      entitlements: [],
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
      context: InteractionContextType.Guild,
      attachment_size_limit: 10_485_760,
    };
  }

  private track(payload: APIInteraction): FakeInteraction {
    const interaction: FakeInteraction = { id: payload.id, token: payload.token, payload, sentAt: Date.now(), edits: [], followups: [] };
    this.byId.set(interaction.id, interaction);
    this.byToken.set(interaction.token, interaction);
    return interaction;
  }

  private commandId(name: string, guildId: string): string {
    return this.commands.find(name, guildId)?.id ?? this.commands.idFor(name);
  }

  /** Option payloads typed like the registered command declares them, else by the JS type of each value. */
  private options(name: string, guildId: string, options: CommandOptions): APIApplicationCommandInteractionDataBasicOption[] {
    const declared = this.commands.find(name, guildId)?.options ?? [];
    return Object.entries(options).map(([optionName, value]) => {
      const type =
        declared.find((o) => o.name === optionName)?.type ??
        (typeof value === 'boolean'
          ? ApplicationCommandOptionType.Boolean
          : typeof value === 'number'
            ? Number.isInteger(value)
              ? ApplicationCommandOptionType.Integer
              : ApplicationCommandOptionType.Number
            : ApplicationCommandOptionType.String);
      return { name: optionName, type, value } as APIApplicationCommandInteractionDataBasicOption;
    });
  }

  private message(interaction: FakeInteraction, body: MessageBody, flags: number): APIMessage {
    const { payload } = interaction;
    const user = payload.member?.user ?? payload.user;
    return {
      id: snowflake(),
      channel_id: payload.channel_id ?? '',
      author: this.world.bot,
      content: body.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      pinned: false,
      type: payload.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Reply,
      flags,
      application_id: this.world.applicationId,
      webhook_id: this.world.applicationId,
      interaction_metadata: user
        ? ({ id: payload.id, type: payload.type, user, authorizing_integration_owners: {} } as APIMessage['interaction_metadata'])
        : undefined,
    };
  }

  private updated(base: APIMessage | undefined, body: MessageBody): APIMessage {
    if (!base) throw new Error('Nothing to update: the interaction has no message');
    return {
      ...base,
      content: body.content ?? base.content,
      embeds: body.embeds ?? base.embeds,
      components: body.components ?? base.components,
      edited_timestamp: new Date().toISOString(),
    };
  }
}
