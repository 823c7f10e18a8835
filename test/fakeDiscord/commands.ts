import {
  ApplicationCommandType,
  type APIApplicationCommand,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { snowflake } from './ids.js';

/** One bulk-overwrite PUT of a command set, as the fake received it. */
export interface CommandRegistration {
  scope: 'global' | 'guild';
  guildId: string | undefined;
  body: RESTPutAPIApplicationCommandsJSONBody;
}

/** Registered application commands: the last PUT per scope wins, as on Discord. */
export class CommandRegistry {
  readonly registrations: CommandRegistration[] = [];
  private readonly sets = new Map<string, APIApplicationCommand[]>();
  private readonly ids = new Map<string, string>();

  constructor(private readonly applicationId: string) {}

  put(registration: CommandRegistration): APIApplicationCommand[] {
    this.registrations.push(registration);
    const commands = registration.body.map((command): APIApplicationCommand => ({
      id: this.idFor(command.name),
      application_id: this.applicationId,
      version: snowflake(),
      type: command.type ?? ApplicationCommandType.ChatInput,
      name: command.name,
      description: 'description' in command ? (command.description ?? '') : '',
      options: 'options' in command ? command.options : undefined,
      default_member_permissions: command.default_member_permissions ?? null,
      guild_id: registration.guildId,
    }) as APIApplicationCommand);
    this.sets.set(this.key(registration.scope, registration.guildId), commands);
    return commands;
  }

  list(scope: 'global' | 'guild', guildId?: string): APIApplicationCommand[] {
    return this.sets.get(this.key(scope, guildId)) ?? [];
  }

  /** The command a user in `guildId` would invoke by `name`: guild commands shadow global ones. */
  find(name: string, guildId: string | undefined): APIApplicationCommand | undefined {
    const inGuild = guildId === undefined ? [] : this.list('guild', guildId);
    return [...inGuild, ...this.list('global')].find((c) => c.name === name);
  }

  /** Stable per name, so that re-registering keeps command ids, as Discord does. */
  idFor(name: string): string {
    let id = this.ids.get(name);
    if (!id) this.ids.set(name, (id = snowflake()));
    return id;
  }

  private key(scope: 'global' | 'guild', guildId: string | undefined): string {
    return scope === 'global' ? 'global' : `guild:${guildId}`;
  }
}
