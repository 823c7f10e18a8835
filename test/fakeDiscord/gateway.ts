import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type ApplicationFlags,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayOpcodes,
  type GatewayIdentifyData,
  type GatewayReadyDispatchData,
  type GatewayResumeData,
  type GatewaySendPayload,
} from 'discord-api-types/v10';
import { WebSocketServer, type WebSocket } from 'ws';
import { opaqueToken } from './ids.js';
import { waitFor } from './wait.js';
import { guildCreatePayload, type World } from './world.js';

interface Dispatch {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

/** One gateway session: what Discord remembers so that a dropped connection can RESUME. */
export interface GatewaySession {
  id: string;
  shard: [number, number];
  identify: GatewayIdentifyData;
  seq: number;
  /** Every dispatch of the session, replayed after a RESUME from the client's last seen `s`. */
  dispatched: Dispatch[];
  socket: WebSocket | undefined;
  ready: boolean;
  resumes: number;
  /** Forgotten by the fake (as after a long outage): a RESUME of it gets INVALID_SESSION. */
  invalidated?: boolean;
}

export interface GatewayOptions {
  world: World;
  /** The bot token the fake accepts; undefined accepts any. */
  token: string | undefined;
  heartbeatIntervalMs: number;
}

/** The fake gateway: HELLO, heartbeats, IDENTIFY → READY + GUILD_CREATE, RESUME, and dispatches. */
export class FakeGateway extends EventEmitter {
  readonly sessions: GatewaySession[] = [];
  /** Close codes of connections the client closed, in order (1000 on a clean `client.destroy()`). */
  readonly clientCloseCodes: number[] = [];
  readonly url: string;
  private readonly server = new WebSocketServer({ noServer: true });
  /** Connections the fake closed itself (their close codes are not the client's). */
  private readonly serverClosed = new WeakSet<WebSocket>();

  constructor(
    private readonly options: GatewayOptions,
    baseUrl: string,
  ) {
    super();
    this.url = baseUrl.replace(/^http/, 'ws') + '/gateway';
    this.server.on('connection', (socket) => this.accept(socket));
  }

  /** Hands an HTTP upgrade on `/gateway` to the WebSocket server. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.server.emit('connection', ws, request));
  }

  /** The live session of the shard that owns `guildId` (Discord's formula), if any identified. */
  sessionForGuild(guildId: string | undefined): GatewaySession | undefined {
    const live = this.sessions.filter((s) => s.ready);
    const shardCount = live[0]?.shard[1] ?? 1;
    const shardId = guildId === undefined ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
    return live.findLast((s) => s.shard[0] === shardId);
  }

  /** Sends a dispatch event on a session; kept for replay if the socket is down right now. */
  dispatch(session: GatewaySession, t: string, d: unknown): void {
    const payload: Dispatch = { op: GatewayOpcodes.Dispatch, t, s: ++session.seq, d };
    session.dispatched.push(payload);
    session.socket?.send(JSON.stringify(payload));
  }

  /** Waits until `count` sessions have received READY and their GUILD_CREATEs. */
  waitForReady(count: number, timeoutMs: number): Promise<GatewaySession[]> {
    return waitFor(
      this,
      'change',
      () => {
        const ready = this.sessions.filter((s) => s.ready);
        return ready.length >= count ? ready : undefined;
      },
      timeoutMs,
      `${count} ready gateway session(s)`,
    );
  }

  /** Waits until a session has resumed `times` times in all. */
  waitForResume(session: GatewaySession, times: number, timeoutMs: number): Promise<void> {
    return waitFor(this, 'change', () => (session.resumes >= times ? true : undefined), timeoutMs, 'a RESUME').then(
      () => undefined,
    );
  }

  /**
   * Cuts the session's connection the way a network fault does (no close frame), or with `closeCode`.
   * The session stays resumable.
   */
  dropConnection(session: GatewaySession, closeCode?: number): void {
    const socket = session.socket;
    session.socket = undefined;
    if (closeCode === undefined) socket?.terminate();
    else if (socket) this.closeFromServer(socket, closeCode, 'dropped by test');
  }

  /** Closes a connection from this end; its close code is then not recorded as the client's. */
  private closeFromServer(socket: WebSocket, code: number, reason: string): void {
    this.serverClosed.add(socket);
    socket.close(code, reason);
  }

  /**
   * Forgets the session and closes its connection with `closeCode`, as Discord does when a session
   * timed out (4009) or went bad: the client can only IDENTIFY again.
   */
  invalidateSession(session: GatewaySession, closeCode: number): void {
    session.invalidated = true;
    session.ready = false;
    this.dropConnection(session, closeCode);
    this.emit('change');
  }

  /** Waits for a ready session of `shard` other than those in `known`. */
  waitForNewSession(known: readonly GatewaySession[], shard: number, timeoutMs: number): Promise<GatewaySession> {
    return waitFor(
      this,
      'change',
      () => this.sessions.find((s) => s.ready && s.shard[0] === shard && !known.includes(s)),
      timeoutMs,
      `a new session of shard ${shard} (IDENTIFY after the old one was invalidated)`,
    );
  }

  /** Waits until the client has closed as many connections as `count`. */
  waitForClientClose(count: number, timeoutMs: number): Promise<number[]> {
    return waitFor(
      this,
      'change',
      () => (this.clientCloseCodes.length >= count ? this.clientCloseCodes : undefined),
      timeoutMs,
      'the client to close its gateway connection',
    );
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    let session: GatewaySession | undefined;
    const send = (payload: object): void => socket.send(JSON.stringify(payload));
    send({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs }, s: null, t: null });

    socket.on('message', (raw) => {
      const payload = JSON.parse(raw.toString()) as GatewaySendPayload;
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          send({ op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
          break;
        case GatewayOpcodes.Identify:
          if (!this.acceptsToken(payload.d.token)) {
            this.closeFromServer(socket, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
            return;
          }
          session = this.identify(socket, payload.d);
          break;
        case GatewayOpcodes.Resume:
          session = this.resume(socket, payload.d);
          if (!session) send({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
          break;
        default:
          break; // presence updates and member requests need no answer here
      }
    });

    socket.on('close', (code) => {
      if (session?.socket === socket) session.socket = undefined;
      if (!this.serverClosed.has(socket) && code !== 1006) this.clientCloseCodes.push(code);
      this.emit('change');
    });
  }

  private acceptsToken(token: string): boolean {
    return this.options.token === undefined ? token.length > 0 : token === this.options.token;
  }

  private identify(socket: WebSocket, identify: GatewayIdentifyData): GatewaySession {
    const { world } = this.options;
    const shard = identify.shard ?? [0, 1];
    const session: GatewaySession = {
      id: opaqueToken(),
      shard,
      identify,
      seq: 0,
      dispatched: [],
      socket,
      ready: false,
      resumes: 0,
    };
    this.sessions.push(session);
    const guilds = world.guilds.filter((g) => Number((BigInt(g.id) >> 22n) % BigInt(shard[1])) === shard[0]);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: world.bot,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.url,
      shard,
      application: { id: world.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
    this.dispatch(session, GatewayDispatchEvents.Ready, ready);
    for (const guild of guilds) this.dispatch(session, GatewayDispatchEvents.GuildCreate, guildCreatePayload(world, guild));
    session.ready = true;
    this.emit('change');
    return session;
  }

  private resume(socket: WebSocket, resume: GatewayResumeData): GatewaySession | undefined {
    const session = this.sessions.find((s) => s.id === resume.session_id);
    if (!session || session.invalidated || !this.acceptsToken(resume.token)) return undefined;
    session.socket = socket;
    for (const missed of session.dispatched.filter((d) => d.s > resume.seq)) socket.send(JSON.stringify(missed));
    this.dispatch(session, GatewayDispatchEvents.Resumed, {});
    session.resumes += 1;
    this.emit('change');
    return session;
  }
}
