import { ChannelEvents, type EmployeeTypingEvent } from '../modules/channels/channels.events';
import {
  ErrorCode,
  Permission,
  SESSION_COOKIE,
  SOCKET_PATH,
  visitorHandshakeSchema,
  operatorTypingSchema,
  visitorReceiptSchema,
  visitorTypingSchema,
  visitorSendMessageSchema,
  visitorSyncRequestSchema,
  watchTicketSchema,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type VisitorMessage,
  type VisitorSyncResponse,
} from '@omnichannel/contracts';
import { Inject, Logger, UseFilters, UseGuards } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { RequirePermission, VisitorAccess } from '../common/decorators/access.decorator';
import { AppError } from '../common/errors/app-error';
import { toApiError } from '../common/errors/error-response';
import { can, visibleDepartments, type EmployeePrincipal, type VisitorPrincipal } from '../common/principal';
import { isDatabaseUnavailable } from '../common/sql';
import { parseOrThrow } from '../common/validation/parse';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { SessionsService } from '../modules/auth/sessions.service';
import { VisitorTokensService } from '../modules/auth/visitor-tokens.service';
import { TicketQueries } from '../modules/tickets/ticket-queries.service';
import { WidgetService } from '../modules/widget/widget.service';
import { DispatcherEvents, type ConnectionEvent } from '../modules/dispatcher/dispatcher.events';
import { RealtimeBroadcaster } from './realtime.broadcaster';
import { rooms } from './rooms';
import type { SocketData } from './socket-data';
import { WsAccessGuard } from './ws-access.guard';
import { WsAckFilter } from './ws-ack.filter';

type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** PERM-6 on sockets: the same rules as REST decide which rooms an employee's socket is in. */
export function employeeRooms(principal: EmployeePrincipal): string[] {
  const departments = visibleDepartments(principal);
  return [
    rooms.staff,
    rooms.employee(principal.id),
    ...(principal.sessionId ? [rooms.session(principal.sessionId)] : []),
    ...departments.map(rooms.department),
    ...(can(principal, Permission.OmniUnassigned) ? departments.map(rooms.unassigned) : []),
  ];
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

/**
 * The one socket.io gateway. The handshake authenticates (employee session cookie, or a visitor token in
 * the `auth` payload, never in the URL); the server alone chooses rooms; every inbound payload is parsed
 * with the contract schema and answered through its acknowledgement.
 */
// perMessageDeflate stays off (engine.io's default, said here so it stays so): with it on, every socket
// keeps zlib streams of its own (some 300 KB once used) for payloads of a few hundred bytes (issue #19, P4).
@WebSocketGateway({ path: SOCKET_PATH, serveClient: false, maxHttpBufferSize: 100_000, pingInterval: 20_000, perMessageDeflate: false })
@UseGuards(WsAccessGuard)
@UseFilters(WsAckFilter)
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('Realtime');

  constructor(
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly sessions: SessionsService,
    private readonly visitorTokens: VisitorTokensService,
    private readonly tickets: TicketQueries,
    private readonly widget: WidgetService,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(server: Server): void {
    this.broadcaster.attach(server);
    server.use((socket, next) => {
      this.authenticate(socket as AppSocket).then(
        () => next(),
        (error: unknown) => {
          // A database that is away is said as such, so the client retries rather than forgets its token.
          const known = error instanceof AppError || isDatabaseUnavailable(error) ? toApiError(error).body : { code: ErrorCode.Unauthenticated, message: 'Unauthenticated' };
          const err = new Error(known.message) as Error & { data?: unknown };
          err.data = { code: known.code };
          next(err);
        },
      );
    });
  }

  handleConnection(socket: AppSocket): void {
    const principal = socket.data.principal;
    if (!principal) {
      socket.disconnect(true);
      return;
    }
    if (principal.kind === 'employee') this.events.emit(DispatcherEvents.Connected, { employeeId: principal.id } satisfies ConnectionEvent);
  }

  /** DSP-2: the presence service counts what is left of the employee's connections after a grace period. */
  handleDisconnect(socket: AppSocket): void {
    const principal = socket.data.principal;
    if (principal?.kind === 'employee') this.events.emit(DispatcherEvents.Disconnected, { employeeId: principal.id } satisfies ConnectionEvent);
  }

  /**
   * Rooms are joined during the handshake, before the client hears "connected": a client that fetches its
   * state on connect cannot miss an event emitted in between.
   */
  private async joinRooms(socket: AppSocket, principal: EmployeePrincipal | VisitorPrincipal): Promise<void> {
    if (principal.kind === 'visitor') {
      await socket.join(rooms.visitor(principal.clientId));
      return;
    }
    await socket.join(employeeRooms(principal));
  }

  // ------------------------------------------------------------------ employees

  @SubscribeMessage('ticket:watch')
  @RequirePermission(Permission.OmniAccess)
  async watchTicket(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<{ lastSeq: number }>> {
    const { ticketId } = parseOrThrow(watchTicketSchema, body);
    const visible = await this.tickets.canSee(ticketId, this.employee(socket));
    if (!visible) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
    await socket.join(rooms.ticket(ticketId));
    return { ok: true, data: { lastSeq: visible.lastSeq } };
  }

  @SubscribeMessage('ticket:unwatch')
  @RequirePermission(Permission.OmniAccess)
  async unwatchTicket(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    const { ticketId } = parseOrThrow(watchTicketSchema, body);
    await socket.leave(rooms.ticket(ticketId));
    return { ok: true, data: null };
  }

  // ------------------------------------------------------------------ visitors

  @SubscribeMessage('visitor:send')
  @VisitorAccess()
  async visitorSend(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<VisitorMessage>> {
    const request = parseOrThrow(visitorSendMessageSchema, body);
    // A message may open a new conversation: typing goes to whichever is live after it.
    delete socket.data.memo?.['live-ticket'];
    const message = await this.widget.send(this.visitor(socket), request, {
      ip: socket.data.ip ?? null,
      userAgent: socket.data.userAgent ?? null,
    });
    return { ok: true, data: message };
  }

  @SubscribeMessage('visitor:sync')
  @VisitorAccess()
  async visitorSync(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<VisitorSyncResponse>> {
    const request = parseOrThrow(visitorSyncRequestSchema, body);
    return { ok: true, data: await this.widget.sync(this.visitor(socket), request) };
  }

  @SubscribeMessage('visitor:receipt')
  @VisitorAccess()
  async visitorReceipt(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<Ack<null>> {
    const request = parseOrThrow(visitorReceiptSchema, body);
    await this.widget.receipt(this.visitor(socket), request);
    return { ok: true, data: null };
  }

  // ------------------------------------------------------------------ typing (WORK-8)

  /** An employee types in a conversation: the client sees "typing…", colleagues watching see who. */
  @SubscribeMessage('ticket:typing')
  @RequirePermission(Permission.OmniAccess)
  async operatorTyping(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<void> {
    const { ticketId, typing } = parseOrThrow(operatorTypingSchema, body);
    // Only in a conversation this socket watches: one that leaves the employee's view stops at once.
    if (!socket.rooms.has(rooms.ticket(ticketId)) || this.tooManyTypings(socket)) return;
    const employee = this.employee(socket);
    const target = await this.cached(socket, `typing:${ticketId}`, () => this.tickets.typingTarget(ticketId, employee));
    if (!target) return;
    this.broadcaster.emit(rooms.ticket(ticketId), 'ticket:typing', {
      ticketId,
      preview: null,
      who: { type: 'employee', id: employee.id, name: employee.name },
      typing,
    });
    if (target.channelType === 'widget') this.broadcaster.emit(rooms.visitor(target.clientId), 'visitor:typing', { typing, operatorName: employee.name });
    else if (typing) this.events.emit(ChannelEvents.EmployeeTyping, { ticketId, ...target } satisfies EmployeeTypingEvent);
  }

  /** The visitor types: employees watching the conversation see the text as it is typed (typing preview). */
  @SubscribeMessage('visitor:typing')
  @VisitorAccess()
  async visitorTyping(@ConnectedSocket() socket: AppSocket, @MessageBody() body: unknown): Promise<void> {
    const { text } = parseOrThrow(visitorTypingSchema, body);
    if (this.tooManyTypings(socket)) return;
    const visitor = this.visitor(socket);
    const ticketId = await this.cached(socket, 'live-ticket', () => this.widget.liveTicket(visitor));
    if (!ticketId) return;
    this.broadcaster.emit(rooms.ticket(ticketId), 'ticket:typing', {
      ticketId,
      preview: text.slice(0, 2000),
      who: { type: 'client', id: visitor.clientId, name: 'client' },
      typing: text.length > 0,
    });
  }

  /** Typing events are many and cheap to lose: at most 10 a second per socket, the rest dropped. */
  private tooManyTypings(socket: AppSocket): boolean {
    const now = Date.now();
    const recent = (socket.data.recentTypings ?? []).filter((t) => now - t < 1000);
    recent.push(now);
    socket.data.recentTypings = recent;
    return recent.length > 10;
  }

  /**
   * Per-socket memo for a few seconds, so typing does not query the database on every key. "Nothing" is
   * not remembered: a conversation that starts a moment later is found at once.
   */
  private async cached<T>(socket: AppSocket, key: string, load: () => Promise<T>): Promise<T> {
    const memo = (socket.data.memo ??= {});
    const hit = memo[key];
    if (hit && hit.until > Date.now()) return hit.value as T;
    const value = await load();
    if (value !== null && value !== undefined) memo[key] = { value, until: Date.now() + 5000 };
    return value;
  }

  // ------------------------------------------------------------------ helpers

  private async authenticate(socket: AppSocket): Promise<void> {
    const headers = socket.handshake.headers;
    socket.data.ip = this.clientIp(socket);
    socket.data.userAgent = headers['user-agent'] ?? null;
    const auth: unknown = socket.handshake.auth;
    if (auth && typeof auth === 'object' && 'visitorToken' in auth) {
      const { visitorToken } = parseOrThrow(visitorHandshakeSchema, auth);
      const visitor = await this.visitorTokens.authenticate(visitorToken);
      if (!visitor) throw new AppError(ErrorCode.Unauthenticated, 'Visitor token is missing or no longer valid');
      socket.data.principal = visitor;
      await this.joinRooms(socket, visitor);
      return;
    }
    if (!this.sameOrigin(headers.origin, headers.host)) {
      throw new AppError(ErrorCode.Forbidden, 'Employee sockets must come from the operator app origin');
    }
    const employee = await this.sessions.authenticate(readCookie(headers.cookie, SESSION_COOKIE));
    if (!employee) throw new AppError(ErrorCode.Unauthenticated, 'Sign in first');
    socket.data.principal = employee;
    await this.joinRooms(socket, employee);
  }

  /** Cross-site WebSocket hijacking guard: a browser always sends Origin; it must be our own host. */
  private sameOrigin(origin: string | undefined, host: string | undefined): boolean {
    if (!origin) return true; // not a browser (integration clients, tests)
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }

  private clientIp(socket: AppSocket): string | null {
    if (this.config.TRUST_PROXY) {
      const forwarded = socket.handshake.headers['x-forwarded-for'];
      const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
      if (first) return first;
    }
    return socket.handshake.address || null;
  }

  private employee(socket: AppSocket): EmployeePrincipal {
    const principal = socket.data.principal;
    if (principal?.kind !== 'employee') throw new AppError(ErrorCode.Forbidden, 'Employees only');
    return principal;
  }

  private visitor(socket: AppSocket): VisitorPrincipal {
    const principal = socket.data.principal;
    if (principal?.kind !== 'visitor') throw new AppError(ErrorCode.Forbidden, 'Visitors only');
    return principal;
  }
}
