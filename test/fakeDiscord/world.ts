import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  type APIGuildMember,
  type ChannelFlags,
  type GuildMemberFlags,
  type RoleFlags,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import { snowflake } from './ids.js';

/** Everything a member may do in a guild channel (the bot and the users in interactions alike). */
export const PERMISSIONS = '2248473465835073';

/** The bot account, its application, and the guilds it is in. */
export interface World {
  bot: APIUser;
  applicationId: string;
  applicationName: string;
  guilds: { id: string; name: string; channelId: string }[];
}

export function createWorld(guildCount: number): World {
  const applicationId = snowflake();
  const now = Date.now();
  return {
    bot: { id: applicationId, username: 'storybot', discriminator: '0', global_name: 'storybot', avatar: null, bot: true },
    applicationId,
    applicationName: 'storybot',
    // Consecutive timestamps spread the guilds over the shards: shard = (id >> 22) % shard count.
    guilds: Array.from({ length: guildCount }, (_, i) => ({
      id: snowflake(now + i),
      name: `Newsroom ${i + 1}`,
      channelId: snowflake(),
    })),
  };
}

/** A member of a guild, as interactions carry it. */
export function guildMember(user: APIUser, joinedAt: string): APIGuildMember {
  return { user, roles: [], joined_at: joinedAt, deaf: false, mute: false, flags: 0 as GuildMemberFlags, pending: false };
}

/** A human user; `id` defaults to a fresh snowflake. */
export function makeUser(id: string = snowflake(), username = `reader${id.slice(-4)}`): APIUser {
  return { id, username, discriminator: '0', global_name: username, avatar: null };
}

/** A full GUILD_CREATE payload: one text channel, the @everyone role and the bot as its only member. */
export function guildCreatePayload(world: World, guild: World['guilds'][number]): GatewayGuildCreateDispatchData {
  const joinedAt = new Date().toISOString();
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: world.bot.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: PERMISSIONS,
        managed: false,
        mentionable: false,
        flags: 0 as RoleFlags,
      },
    ],
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    stickers: [],
    joined_at: joinedAt,
    large: false,
    member_count: 1,
    voice_states: [],
    members: [guildMember(world.bot, joinedAt)],
    channels: [
      {
        id: guild.channelId,
        type: ChannelType.GuildText,
        name: 'news',
        guild_id: guild.id,
        position: 0,
        permission_overwrites: [],
        parent_id: null,
        nsfw: false,
        topic: null,
        last_message_id: null,
        rate_limit_per_user: 0,
        flags: 0 as ChannelFlags,
      },
    ],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
