import {
  ApiRequestError,
  ErrorCode,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE,
  MAX_EMAIL_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_URL_LENGTH,
  SOCKET_PATH,
  isRouteError,
  type Ack,
  type ApiError,
  type Attachment,
  type PageContext,
  type UpdateVisitorRequest,
  type Visitor,
  type VisitorClientEvents,
  type VisitorConversation,
  type VisitorMessage,
  type VisitorServerEvents,
  type WidgetConfig,
} from '@omnichannel/contracts';
import { io, type Socket } from 'socket.io-client';
import { isHostUser, type AppToLoaderMessage, type HostPage, type HostUser, type Lang } from '../../shared/protocol';
import { attachmentPath, widgetApi, type Upload } from '../lib/api';
import { isRecord, readItem, readJson, removeItem, writeItem, writeJson } from '../lib/storage';
import { newUuid } from '../lib/uuid';
import { AttachmentStore } from './attachment-store';
import { Outbox, type OutboxEntry } from './outbox';
import {
  containsClientMsg,
  ensureSegment,
  hasTicket,
  lastSeq,
  markAllSeen,
  mergeMessages,
  unseenReplies,
  type SeenMarks,
  type Segment,
} from './timeline';
import { TypingThrottle } from './typing';

type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
/** What an acknowledged event answers (never for the fire-and-forget ones, such as visitor:typing). */
type AckData<E extends keyof VisitorClientEvents> = Parameters<VisitorClientEvents[E]> extends [unknown, (ack: infer A) => void] ? A : never;

const ACK_TIMEOUT_MS = 10_000;
/** While the service is away it is asked again after 2 s, then less often, up to every 16 s. */
const RECOVER_FIRST_MS = 2_000;
const RECOVER_MAX_MS = 16_000;
const RECEIPT_BATCH = 200;
/** The operator's "typing…" goes away this long after their last typing event. */
const OPERATOR_TYPING_MS = 6_000;
/** Raster images the browser shows from the visitor's own disk before the upload ends. */
const PREVIEWABLE = /^image\/(png|jpeg|gif|webp)$/;

/** A message the visitor wrote that has no server copy yet: waiting for its ack, or refused. */
export interface PendingMessage extends OutboxEntry {
  /** Set when the server refused it (it is then out of the outbox). */
  error: Pick<ApiError, 'code' | 'message'> | null;
}

/** `unavailable`: the server answers, but its database is away (503 DATABASE_UNAVAILABLE); the outbox waits. */
export type Connection = 'idle' | 'connecting' | 'online' | 'offline' | 'unavailable';

/** Why a file cannot go: the server's code, NETWORK, or the per-message limit. */
export type FileErrorCode = ApiError['code'] | 'NETWORK' | 'TOO_MANY_FILES';

/** A file the visitor picked for the next message (WGT-9): uploading, uploaded, or refused. */
export interface DraftFile {
  /** Local id, until the server's attachment exists. */
  id: string;
  name: string;
  size: number;
  /** An object URL of the picked image, for the chip's thumbnail. */
  preview: string | null;
  status: 'uploading' | 'ready' | 'failed';
  /** 0..1 while uploading. */
  progress: number;
  attachment: Attachment | null;
  error: { code: FileErrorCode; message: string } | null;
}

export interface ChatState {
  open: boolean;
  config: WidgetConfig | null;
  visitor: Visitor | null;
  /** Name and email the host site passed (WGT-6), to prefill the details form. */
  hostUser: HostUser;
  currentTicketId: string | null;
  conversation: VisitorConversation | null;
  segments: Segment[];
  pending: PendingMessage[];
  hasMore: boolean;
  loadingHistory: boolean;
  connection: Connection;
  unread: number;
  /** Files attached to the message being written. */
  files: DraftFile[];
  /** The operator is typing (WORK-8); their name when the server gave one. */
  operatorTyping: { name: string | null } | null;
}

export interface DetailsInput {
  name: string;
  email: string;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function isValidEmail(email: string): boolean {
  return email.length <= MAX_EMAIL_LENGTH && EMAIL_PATTERN.test(email);
}

function isSeenMarks(value: unknown): value is SeenMarks {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'number');
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

/**
 * The widget's state and its conversation with the server: the visitor session, the live socket, the
 * outbox and receipts. Components read snapshots and call the methods; nothing else talks to the network.
 */
export class ChatController {
  private state: ChatState;
  private readonly listeners = new Set<() => void>();
  private readonly outbox: Outbox;
  private readonly keys: { token: string; seen: string; hostUser: string };
  private token: string | null;
  private socket: VisitorSocket | null = null;
  /** Bumped on every (re)connect and disconnect, so a stale async step knows it is stale. */
  private epoch = 0;
  private synced = false;
  private pumping = false;
  private historyLoaded = false;
  private sessionRequest: Promise<string> | null = null;
  private configRequest: Promise<void> | null = null;
  private page: PageContext | undefined;
  private seen: SeenMarks;
  private readonly toDeliver = new Set<string>();
  private readonly toRead = new Set<string>();
  private readonly timers = new Map<string, number>();
  private sessionRetryDelay = 2_000;
  /** While the service is away: how long until the history, the catch-up and the outbox are tried again. */
  private recoverDelay = RECOVER_FIRST_MS;
  private readonly fileSources = new Map<string, File>();
  private readonly uploads = new Map<string, Upload>();
  private readonly typing = new TypingThrottle((text) => this.socket?.emit('visitor:typing', { text }));
  private operatorTypingTimer: number | undefined;
  /** Conversation files, fetched with the visitor token. */
  readonly attachments = new AttachmentStore(() => this.token);

  constructor(
    private readonly key: string,
    readonly lang: Lang,
    private readonly notifyHost: (message: AppToLoaderMessage) => void,
  ) {
    this.keys = { token: `omni:${key}:token`, seen: `omni:${key}:seen`, hostUser: `omni:${key}:host-user` };
    this.outbox = new Outbox(`omni:${key}:outbox`);
    this.token = readItem(this.keys.token);
    this.seen = readJson(this.keys.seen, isSeenMarks) ?? {};
    this.state = {
      open: false,
      config: null,
      visitor: null,
      hostUser: {},
      currentTicketId: null,
      conversation: null,
      segments: [],
      pending: this.outbox.entries().map((entry) => ({ ...entry, error: null })),
      hasMore: false,
      loadingHistory: this.token !== null,
      connection: 'idle',
      unread: 0,
      files: [],
      operatorTyping: null,
    };
  }

  // ------------------------------------------------------------------ store

  getState = (): ChatState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(patch: Partial<ChatState>): void {
    const next = { ...this.state, ...patch };
    const unread = next.open && document.visibilityState === 'visible' ? 0 : unseenReplies(next.segments, this.seen).length;
    const hostChanged = next.open !== this.state.open || unread !== this.state.unread;
    this.state = { ...next, unread };
    for (const listener of this.listeners) listener();
    if (hostChanged) this.notifyHost({ type: 'omni:state', open: this.state.open, unread });
  }

  // ------------------------------------------------------------------ lifecycle

  /** With a stored session: load the history and go live. Without one: nothing until the visitor acts. */
  start(): void {
    document.addEventListener('visibilitychange', () => this.markSeen());
    window.addEventListener('online', () => this.resumePending());
    if (this.token) {
      void this.loadConfig();
      void this.loadHistory().then(() => {
        if (this.needsSocket()) this.connect();
      });
    } else {
      this.resumePending();
    }
  }

  setOpen(open: boolean): void {
    if (open === this.state.open) return;
    if (!open) this.typing.stop();
    this.update({ open });
    this.notifyHost({ type: 'omni:event', name: open ? 'open' : 'close' });
    if (open) {
      void this.loadConfig();
      this.markSeen();
      // Went without a socket so far (nothing live): catch up, since another tab may have started a chat.
      if (this.token && !this.socket && this.historyLoaded) void this.loadHistory().then(() => this.connect());
    }
  }

  /**
   * Only a live conversation can receive replies, so a returning visitor whose last chat ended holds no
   * socket until they open the panel or write: most page views of most sites then cost no connection.
   */
  private needsSocket(): boolean {
    return !this.historyLoaded || this.state.open || this.state.conversation?.live === true || this.state.pending.some((p) => !p.error);
  }

  setPage(page: HostPage): void {
    const url = clip(page.url, MAX_URL_LENGTH);
    const referrer = clip(page.referrer, MAX_URL_LENGTH);
    this.page = referrer ? { url, referrer } : { url };
  }

  setHostUser(user: HostUser): void {
    const hostUser: HostUser = {};
    if (user.name) hostUser.name = clip(user.name.trim(), MAX_NAME_LENGTH);
    if (user.email && isValidEmail(user.email.trim())) hostUser.email = user.email.trim();
    this.update({ hostUser });
    void this.applyHostUser();
  }

  // ------------------------------------------------------------------ visitor actions

  /**
   * Shows the message at once as pending and sends it when it can (WGT-8), with the uploaded files.
   * Waits while a file is still uploading; refused files (their reason was on screen) are dropped, unsent.
   */
  send(text: string): boolean {
    const body = text.trim();
    const { files } = this.state;
    if (files.some((f) => f.status === 'uploading') || body.length > MAX_MESSAGE_LENGTH) return false;
    const attachments = files.flatMap((f) => (f.status === 'ready' && f.attachment ? [f.attachment] : []));
    if (!body && attachments.length === 0) return false;
    const entry: OutboxEntry = { clientMsgId: newUuid(), body, createdAt: new Date().toISOString() };
    if (this.page) entry.page = this.page;
    if (attachments.length > 0) entry.attachments = attachments;
    this.outbox.add(entry);
    this.typing.stop();
    for (const file of files) this.dropFile(file);
    this.update({ pending: [...this.state.pending, { ...entry, error: null }], files: [] });
    this.resumePending();
    return true;
  }

  /** The draft changed: the operator sees it as it is typed, while a conversation is live (WORK-8). */
  noteDraft(text: string): void {
    const { conversation, currentTicketId } = this.state;
    const live = conversation?.live === true && conversation.ticketId === currentTicketId;
    if (live && this.synced && this.socket?.connected) this.typing.update(text.slice(0, MAX_MESSAGE_LENGTH));
    else this.typing.stop();
  }

  // ------------------------------------------------------------------ files (WGT-9)

  /** Files picked, dropped or pasted: each uploads at once; too big or too many are refused here. */
  addFiles(picked: readonly File[]): void {
    let kept = this.state.files.filter((f) => f.status !== 'failed').length;
    const added: DraftFile[] = [];
    for (const file of picked) {
      const draft: DraftFile = {
        id: newUuid(),
        name: file.name || 'file',
        size: file.size,
        preview: PREVIEWABLE.test(file.type) ? URL.createObjectURL(file) : null,
        status: 'uploading',
        progress: 0,
        attachment: null,
        error: null,
      };
      if (kept >= MAX_ATTACHMENTS_PER_MESSAGE) {
        draft.status = 'failed';
        draft.error = { code: 'TOO_MANY_FILES', message: `At most ${MAX_ATTACHMENTS_PER_MESSAGE} files per message` };
      } else if (file.size > MAX_ATTACHMENT_BYTES) {
        // The server would refuse it too; no need to send 10 MB to hear that.
        draft.status = 'failed';
        draft.error = { code: 'FILE_TOO_LARGE', message: 'The file is too large' };
      } else {
        kept += 1;
        this.fileSources.set(draft.id, file);
      }
      added.push(draft);
    }
    this.update({ files: [...this.state.files, ...added] });
    for (const draft of added) if (draft.status === 'uploading') void this.upload(draft.id);
  }

  removeFile(id: string): void {
    const file = this.state.files.find((f) => f.id === id);
    if (!file) return;
    this.dropFile(file);
    this.update({ files: this.state.files.filter((f) => f.id !== id) });
  }

  /** Uploads a file again after a network failure. */
  retryFile(id: string): void {
    if (!this.fileSources.has(id)) return;
    this.patchFile(id, { status: 'uploading', progress: 0, error: null });
    void this.upload(id);
  }

  private async upload(id: string): Promise<void> {
    const file = this.fileSources.get(id);
    if (!file) return;
    try {
      const token = await this.ensureSession();
      if (!this.fileSources.has(id)) return; // removed meanwhile
      const upload = widgetApi.upload(token, file, (progress) => this.patchFile(id, { progress }));
      this.uploads.set(id, upload);
      const uploaded = await upload.promise;
      // The visitor's own download path (the upload answer may name the operators' one).
      const attachment: Attachment = { ...uploaded, url: attachmentPath(uploaded.id) };
      this.attachments.remember(attachment.id, file);
      this.patchFile(id, { status: 'ready', progress: 1, attachment });
    } catch (error) {
      if (!this.fileSources.has(id)) return;
      const code: FileErrorCode = error instanceof ApiRequestError ? error.code : 'NETWORK';
      const message = error instanceof Error ? error.message : 'Upload failed';
      this.patchFile(id, { status: 'failed', error: { code, message } });
    } finally {
      this.uploads.delete(id);
    }
  }

  private patchFile(id: string, patch: Partial<DraftFile>): void {
    if (!this.state.files.some((f) => f.id === id)) return;
    this.update({ files: this.state.files.map((f) => (f.id === id ? { ...f, ...patch } : f)) });
  }

  /** Forgets a chip: stops its upload and frees its preview. An uploaded file stays for the message. */
  private dropFile(file: DraftFile): void {
    this.fileSources.delete(file.id);
    this.uploads.get(file.id)?.abort();
    this.uploads.delete(file.id);
    if (file.preview) URL.revokeObjectURL(file.preview);
  }

  retry(clientMsgId: string): void {
    const item = this.state.pending.find((p) => p.clientMsgId === clientMsgId);
    if (!item) return;
    const { error: _error, ...entry } = item;
    this.outbox.add(entry);
    this.update({
      pending: [...this.state.pending.filter((p) => p.clientMsgId !== clientMsgId), { ...entry, error: null }],
    });
    this.resumePending();
  }

  dismiss(clientMsgId: string): void {
    this.update({ pending: this.state.pending.filter((p) => p.clientMsgId !== clientMsgId) });
  }

  /** Saves the optional name and email; creates the visitor session if this is their first action. */
  async saveDetails(details: DetailsInput): Promise<void> {
    const token = await this.ensureSession();
    const visitor = await widgetApi.updateVisitor(token, { name: details.name.trim(), email: details.email.trim() });
    this.update({ visitor });
  }

  /** The history endpoint returns the latest page; the sync from seq 0 returns the whole conversation. */
  async loadEarlier(): Promise<void> {
    const ticketId = this.state.segments[0]?.ticketId;
    if (!ticketId || !this.socket?.connected) return;
    const ack = await this.ask('visitor:sync', { ticketId, afterSeq: 0 }).catch(() => null);
    if (ack?.ok) {
      this.merge(ack.data.messages, false);
      this.update({ hasMore: false });
    }
  }

  // ------------------------------------------------------------------ session and history

  private saveToken(token: string | null): void {
    this.token = token;
    if (token) writeItem(this.keys.token, token);
    else removeItem(this.keys.token);
  }

  private ensureSession(): Promise<string> {
    if (this.token) return Promise.resolve(this.token);
    this.sessionRequest ??= widgetApi
      .createSession(this.key)
      .then((session) => {
        this.saveToken(session.token);
        this.historyLoaded = true; // a new visitor has no history
        this.sessionRetryDelay = 2_000;
        this.update({ visitor: session.visitor, loadingHistory: false });
        void this.applyHostUser();
        this.connect();
        return session.token;
      })
      .finally(() => {
        this.sessionRequest = null;
      });
    return this.sessionRequest;
  }

  /** Gets the pending messages moving: a session first if there is none, then the socket. */
  private resumePending(): void {
    if (!this.state.pending.some((p) => p.error === null)) return;
    if (this.token) {
      this.connect();
      void this.pump();
      return;
    }
    this.ensureSession().catch((error: unknown) => {
      // Refused for good (e.g. the widget was removed): say so on the messages. Otherwise try again later.
      if (error instanceof ApiRequestError && error.status >= 400 && error.status < 500 && error.code !== 'RATE_LIMITED') {
        this.failPending({ code: error.code === 'NETWORK' ? 'INTERNAL' : error.code, message: error.message });
        return;
      }
      this.later('session', this.sessionRetryDelay, () => this.resumePending());
      this.sessionRetryDelay = Math.min(this.sessionRetryDelay * 2, 30_000);
      this.update({ connection: error instanceof ApiRequestError && error.code === ErrorCode.DatabaseUnavailable ? 'unavailable' : 'offline' });
    });
  }

  private failPending(error: PendingMessage['error']): void {
    for (const p of this.state.pending) if (p.error === null) this.outbox.remove(p.clientMsgId);
    this.update({ pending: this.state.pending.map((p) => (p.error === null ? { ...p, error } : p)) });
  }

  private async loadHistory(): Promise<void> {
    const token = this.token;
    if (!token) return;
    try {
      const state = await widgetApi.state(token);
      if (token !== this.token) return;
      this.historyLoaded = true;
      const conversation = state.conversation;
      let segments = conversation ? ensureSegment([], conversation.ticketId) : [];
      segments = mergeMessages(segments, state.messages);
      this.update({
        visitor: state.visitor,
        conversation,
        currentTicketId: conversation?.ticketId ?? null,
        segments,
        hasMore: state.hasMore,
        loadingHistory: false,
        pending: this.withoutDelivered(this.state.pending, segments),
      });
      for (const reply of unseenReplies(segments, this.seen)) this.toDeliver.add(reply.id);
      this.markSeen();
      this.available();
      void this.applyHostUser();
    } catch (error) {
      if (isRouteError(error, 'widget.state', ErrorCode.Unauthenticated)) {
        this.forgetSession();
        return;
      }
      // The server cannot be reached right now: the socket keeps retrying, and its connect loads the history.
      this.update({ loadingHistory: false });
      if (isRouteError(error, 'widget.state', ErrorCode.DatabaseUnavailable)) this.unavailable();
    }
  }

  /** The stored token is no longer valid: this browser becomes a new visitor (pending messages stay). */
  private forgetSession(): void {
    this.saveToken(null);
    const socket = this.socket;
    this.socket = null;
    socket?.disconnect();
    this.historyLoaded = false;
    this.synced = false;
    this.update({
      visitor: null,
      conversation: null,
      currentTicketId: null,
      segments: [],
      hasMore: false,
      loadingHistory: false,
      connection: 'idle',
    });
    this.resumePending();
  }

  private withoutDelivered(pending: PendingMessage[], segments: Segment[]): PendingMessage[] {
    const delivered = pending.filter((p) => containsClientMsg(segments, p.clientMsgId));
    for (const p of delivered) this.outbox.remove(p.clientMsgId);
    return delivered.length ? pending.filter((p) => !delivered.includes(p)) : pending;
  }

  private loadConfig(): Promise<void> {
    if (this.state.config) return Promise.resolve();
    this.configRequest ??= widgetApi
      .config(this.key)
      .then((config) => this.update({ config }))
      .catch(() => undefined)
      .finally(() => {
        this.configRequest = null;
      });
    return this.configRequest;
  }

  /** WGT-6: the name and email the site passed become the visitor's, once per change on the site's side. */
  private async applyHostUser(): Promise<void> {
    const { hostUser, visitor } = this.state;
    const token = this.token;
    if (!token || !visitor || (!hostUser.name && !hostUser.email)) return;
    const applied = readJson(this.keys.hostUser, isHostUser);
    if (applied?.name === hostUser.name && applied?.email === hostUser.email) return;
    const patch: UpdateVisitorRequest = {};
    if (hostUser.name && hostUser.name !== visitor.name) patch.name = hostUser.name;
    if (hostUser.email && hostUser.email !== visitor.email) patch.email = hostUser.email;
    try {
      if (patch.name !== undefined || patch.email !== undefined) {
        this.update({ visitor: await widgetApi.updateVisitor(token, patch) });
      }
      writeJson(this.keys.hostUser, hostUser);
    } catch {
      // not essential: tried again on the next page view
    }
  }

  // ------------------------------------------------------------------ socket

  private connect(): void {
    if (!this.token || this.socket) return;
    const socket: VisitorSocket = io(location.origin, {
      path: SOCKET_PATH,
      auth: { visitorToken: this.token },
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
    });
    this.socket = socket;
    this.update({ connection: 'connecting' });
    socket.on('connect', () => void this.onConnect(socket));
    socket.on('disconnect', () => {
      if (socket !== this.socket) return;
      this.epoch += 1;
      this.synced = false;
      this.typing.reset();
      this.setOperatorTyping(null);
      this.update({ connection: 'offline' });
    });
    socket.on('connect_error', (error) => void this.onConnectError(socket, error));
    // The acknowledgement tells the server this reply reached the visitor (it is `sent` only then).
    socket.on('visitor:message', (message, ack) => {
      if (socket === this.socket) this.merge([message], true);
      ack?.();
    });
    // Live events may have been lost between the server's instances: catch up (issue #16).
    socket.on('sync:required', () => {
      if (socket === this.socket && this.synced) void this.syncTicket(this.state.currentTicketId);
    });
    socket.on('visitor:conversation', (conversation) => {
      if (socket === this.socket) this.onConversation(conversation);
    });
    socket.on('visitor:typing', (event) => {
      if (socket === this.socket) this.setOperatorTyping(event.typing ? { name: event.operatorName } : null);
    });
  }

  /** Shown until the operator stops, replies, or says nothing for a few seconds. */
  private setOperatorTyping(typing: ChatState['operatorTyping']): void {
    window.clearTimeout(this.operatorTypingTimer);
    if (typing) this.operatorTypingTimer = window.setTimeout(() => this.setOperatorTyping(null), OPERATOR_TYPING_MS);
    const current = this.state.operatorTyping;
    if (typing?.name !== current?.name || (typing === null) !== (current === null)) this.update({ operatorTyping: typing });
  }

  /** On every (re)connect: catch up from the last seq seen, then resend the outbox (WGT-8). */
  private async onConnect(socket: VisitorSocket): Promise<void> {
    if (socket !== this.socket) return;
    this.epoch += 1;
    const epoch = this.epoch;
    this.update({ connection: 'online' });
    if (!this.historyLoaded) await this.loadHistory();
    await this.syncTicket(this.state.currentTicketId);
    if (epoch !== this.epoch || socket !== this.socket) return;
    this.synced = true;
    this.flushReceipts();
    void this.pump();
  }

  private async onConnectError(socket: VisitorSocket, error: Error): Promise<void> {
    if (socket !== this.socket) return;
    const data = (error as Error & { data?: unknown }).data;
    const code = isRecord(data) ? data.code : undefined;
    this.update({ connection: code === ErrorCode.DatabaseUnavailable ? 'unavailable' : 'offline' });
    if (socket.active) return; // a transport failure: socket.io retries by itself
    // The server refused the handshake. Only a 401 from REST proves the token is gone; anything else
    // (a restart, the database away) is retried.
    if (code === 'UNAUTHENTICATED' && this.token) {
      try {
        await widgetApi.state(this.token);
      } catch (restError) {
        if (isRouteError(restError, 'widget.state', ErrorCode.Unauthenticated)) {
          this.forgetSession();
          return;
        }
      }
    }
    this.later('reconnect', 3_000, () => {
      if (socket === this.socket && !socket.connected) socket.connect();
    });
  }

  private ask<E extends keyof VisitorClientEvents>(event: E, payload: Parameters<VisitorClientEvents[E]>[0]): Promise<AckData<E>> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.reject(new Error('Not connected'));
    // socket.io's types do not model an ack under .timeout(); the server always answers with an Ack envelope.
    const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(e: E, p: typeof payload): Promise<AckData<E>> };
    return timed.emitWithAck(event, payload);
  }

  private async syncTicket(ticketId: string | null, afterSeq = ticketId ? lastSeq(this.state.segments, ticketId) : 0): Promise<void> {
    if (!ticketId) return;
    const ack = await this.ask('visitor:sync', { ticketId, afterSeq }).catch(() => null);
    if (ack && !ack.ok && ack.error.code === ErrorCode.DatabaseUnavailable) this.unavailable();
    if (!ack?.ok) return;
    this.available();
    this.onConversation(ack.data.conversation);
    this.merge(ack.data.messages, true);
  }

  /** Sends the outbox one message at a time, in order; stops on a timeout and resumes on reconnect. */
  private async pump(): Promise<void> {
    if (this.pumping || !this.synced || !this.socket?.connected) return;
    this.pumping = true;
    try {
      for (;;) {
        const next = this.state.pending.find((p) => p.error === null);
        if (!next || !this.synced) return;
        let ack: Ack<VisitorMessage>;
        try {
          const { error: _error, ...request } = next;
          ack = await this.ask('visitor:send', {
            body: request.body,
            clientMsgId: request.clientMsgId,
            page: request.page,
            attachmentIds: (request.attachments ?? []).map((a) => a.id),
          });
        } catch {
          // No ack in time: it may or may not be stored. Resending is safe (deduped by clientMsgId).
          this.later('pump', 5_000, () => void this.pump());
          return;
        }
        const outcome = this.outbox.settle(next.clientMsgId, ack);
        if (outcome.kind === 'later') {
          // The service is away: the message stays pending and in the outbox, and is sent again, same clientMsgId.
          this.unavailable();
          return;
        }
        this.available();
        if (outcome.kind === 'stored') {
          this.update({ pending: this.state.pending.filter((p) => p.clientMsgId !== next.clientMsgId) });
          this.merge([outcome.message], false);
        } else {
          const { error } = outcome;
          this.update({ pending: this.state.pending.map((p) => (p.clientMsgId === next.clientMsgId ? { ...p, error } : p)) });
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  // ------------------------------------------------------------------ incoming

  private onConversation(conversation: VisitorConversation): void {
    const { currentTicketId, segments } = this.state;
    if (conversation.ticketId === currentTicketId) {
      this.update({ conversation });
    } else if (!hasTicket(segments, conversation.ticketId) && (conversation.live || currentTicketId === null)) {
      this.switchTo(conversation.ticketId, conversation);
    }
  }

  /** A ticket we have not seen: the visitor wrote after the last one was completed (or in another tab). */
  private switchTo(ticketId: string, conversation: VisitorConversation | null): void {
    this.update({
      currentTicketId: ticketId,
      conversation,
      segments: ensureSegment(this.state.segments, ticketId),
    });
    this.notifyHost({ type: 'omni:event', name: 'chat-start' });
    if (!conversation) void this.syncTicket(ticketId, 0);
  }

  /** Adds server messages; `live` ones are news (pushes and catch-up), not history or own acks. */
  private merge(messages: readonly VisitorMessage[], live: boolean): void {
    if (messages.length === 0) return;
    for (const m of messages) {
      if (!hasTicket(this.state.segments, m.ticketId) && m.ticketId !== this.state.currentTicketId) this.switchTo(m.ticketId, null);
    }
    const before = this.state.segments;
    const segments = mergeMessages(before, messages);
    if (segments === before) return;
    const pending = this.withoutDelivered(this.state.pending, segments);
    this.update({ segments, pending });
    if (!live) return;
    const known = new Set(before.flatMap((s) => s.messages.map((m) => m.id)));
    for (const m of messages) {
      if (m.kind !== 'reply' || known.has(m.id)) continue;
      known.add(m.id);
      this.setOperatorTyping(null);
      this.toDeliver.add(m.id);
      this.notifyHost({ type: 'omni:event', name: 'message', data: m.body });
    }
    this.markSeen();
    this.flushReceipts();
  }

  // ------------------------------------------------------------------ receipts

  /** While the panel is open and the page visible, every reply on screen counts as read. */
  private markSeen(): void {
    if (!this.state.open || document.visibilityState !== 'visible') {
      this.update({});
      return;
    }
    for (const reply of unseenReplies(this.state.segments, this.seen)) {
      this.toRead.add(reply.id);
      this.toDeliver.delete(reply.id);
    }
    this.seen = markAllSeen(this.state.segments);
    writeJson(this.keys.seen, this.seen);
    this.update({});
    this.flushReceipts();
  }

  private flushReceipts(): void {
    if (!this.synced || !this.socket?.connected) return;
    for (const [ids, read] of [
      [this.toDeliver, false],
      [this.toRead, true],
    ] as const) {
      const all = [...ids];
      ids.clear();
      for (let i = 0; i < all.length; i += RECEIPT_BATCH) {
        const messageIds = all.slice(i, i + RECEIPT_BATCH);
        // Receipts are best effort: a lost one only leaves the operator's tick one step behind.
        this.ask('visitor:receipt', { messageIds, read }).catch(() => undefined);
      }
    }
  }

  // ------------------------------------------------------------------ the service away (issue #16)

  /** The server answered 503 DATABASE_UNAVAILABLE: say so, and try again in a while, less often each time. */
  private unavailable(): void {
    if (this.socket?.connected) this.update({ connection: 'unavailable' });
    if (this.timers.has('recover')) return;
    this.later('recover', this.recoverDelay, () => void this.recover());
    this.recoverDelay = Math.min(this.recoverDelay * 2, RECOVER_MAX_MS);
  }

  /** An answer that is not 503: the service is back. */
  private available(): void {
    this.recoverDelay = RECOVER_FIRST_MS;
    if (this.state.connection === 'unavailable' && this.socket?.connected) this.update({ connection: 'online' });
  }

  /** Tries again what the outage stopped: the history, the catch-up, then the outbox. */
  private async recover(): Promise<void> {
    if (!this.socket?.connected) return; // the next connect does all of this
    if (!this.historyLoaded) await this.loadHistory();
    await this.syncTicket(this.state.currentTicketId);
    void this.pump();
  }

  // ------------------------------------------------------------------ helpers

  private later(name: string, delayMs: number, run: () => void): void {
    if (this.timers.has(name)) return;
    this.timers.set(
      name,
      window.setTimeout(() => {
        this.timers.delete(name);
        run();
      }, delayMs),
    );
  }
}
