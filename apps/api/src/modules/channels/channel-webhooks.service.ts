import { createHash } from 'node:crypto';
import { ErrorCode, isMessenger, MAX_ATTACHMENT_BYTES, type MessengerType } from '@omnichannel/contracts';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { prepared, runPrepared } from '../../database/prepared';
import { QUEUE_ENQUEUE_LOCK, QueueService } from '../../queue/queue.service';
import { RealtimeBroadcaster } from '../../realtime/realtime.broadcaster';
import { rooms } from '../../realtime/rooms';
import { ClientsService } from '../clients/clients.service';
import { InboundService } from '../omnichannel/inbound.service';
import { AttachmentsService } from '../attachments/attachments.service';
import { TicketsService } from '../tickets/tickets.service';
import { PLATFORM_CLIENTS, type PlatformClients } from './platforms/clients';
import { ChannelsService, type Channel } from './channels.service';
import type { ChannelEventState } from './entities/channel-event.entity';
import { MalformedWebhookError, type InboundAttachment, type InboundEvent, type PlatformUser, type RawWebhook, type WebhookReply } from './platforms/platform-protocol';
import { PROTOCOLS } from './platforms/protocols';

/** The job that applies one stored event. */
export const APPLY_CHANNEL_EVENT_TASK = 'apply-channel-event';

/** A messenger's "typing" older than this when its job runs is not shown (the person has long stopped or sent). */
const TYPING_FRESH_MS = 8000;

/** A client's picture larger than this is not kept (platforms give 100–640 px pictures of tens of KB). */
const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** Events whose jobs one statement queues. */
const QUEUE_BATCH = 500;
/** How often every instance queues events left unqueued (stored by an instance that stopped first). */
const QUEUE_SWEEP_MS = 1000;

/** One event stored (a repeat inserts nothing); prepared, as every webhook of every messenger runs it. */
const STORE_EVENT = prepared(
  'store-channel-event',
  'INSERT INTO channel_events (channel_id, event_key, event) VALUES ($1, $2, $3::jsonb) ON CONFLICT (channel_id, event_key) DO NOTHING',
);

/**
 * Claims up to $2 stored events not queued yet and queues their jobs ($1) through add_jobs: see queueBatch().
 * Prepared: it runs after nearly every webhook when they come one at a time.
 */
const QUEUE_EVENTS = prepared(
  'queue-channel-events',
  `WITH claimed AS (
         UPDATE channel_events SET queued = true
          WHERE id IN (SELECT id FROM channel_events WHERE NOT queued ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING id, seq, channel_id, event->>'chatId' AS chat_id
       ), added AS (
         SELECT graphile_worker.add_jobs(
                  array_agg(ROW($1, json_build_object('eventId', id), 'channel:' || channel_id || ':' || chat_id, NULL, 10, NULL, NULL, NULL)::graphile_worker.job_spec ORDER BY seq))
           FROM claimed, (SELECT pg_advisory_xact_lock_shared(${QUEUE_ENQUEUE_LOCK})) AS enqueuing HAVING count(*) > 0
       )
       SELECT (SELECT count(*)::int FROM claimed) AS count, (SELECT count(*)::int FROM added) AS added`,
);

/** A stored event as the job reads it back (dates were stored as ISO text). */
type StoredEvent = InboundEvent & { occurredAt: string };

/** What the conversation shows for a file until media are downloaded into attachments (the next step of issue #11). */
const ATTACHMENT_LABEL: Record<InboundAttachment['kind'], string> = {
  photo: 'Photo',
  document: 'File',
  audio: 'Audio',
  voice: 'Voice message',
  video: 'Video',
  sticker: 'Sticker',
  location: 'Location',
  contact: 'Contact',
  other: 'Attachment',
};

function attachmentLine(a: InboundAttachment): string {
  if (a.placeholder) return `[${a.placeholder}]`;
  return `[${ATTACHMENT_LABEL[a.kind]}${a.fileName ? `: ${a.fileName}` : ''}]`;
}

/**
 * A message's text as stored: what the person wrote, then a line per attachment that is not a file of the
 * message (`stored`: the indexes of those that are).
 */
export function messageBody(event: Pick<Extract<InboundEvent, { kind: 'message' }>, 'text' | 'attachments'>, stored: ReadonlySet<number> = new Set()): string {
  const lines = [event.text.trim(), ...event.attachments.filter((_, i) => !stored.has(i)).map(attachmentLine)].filter(Boolean);
  return lines.length ? lines.join('\n') : stored.size > 0 ? '' : '[Empty message]';
}

/**
 * The idempotency key of a platform event as a message's clientMsgId (a uuid): derived from the channel and
 * the event key, so a job that runs twice (its process died after the message committed) stores one message.
 */
export function dedupeKeyOf(channelId: string, eventKey: string): string {
  const hex = createHash('sha256').update(`${channelId}\n${eventKey}`).digest('hex');
  // Version 8 (custom) and the RFC 4122 variant: a valid uuid, never equal to a random widget one.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The inbound pipeline of every messenger (issue #11 point 2, CHN-2…4): verify by the platform's own
 * mechanism, store the events under their platform ids (a repeat is a no-op), answer what the platform
 * expects only after that commit; a job per event, queued per conversation so a chat's messages keep
 * their order, finds the client and appends the message through the ticket commands.
 */
@Injectable()
export class ChannelWebhooks implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ChannelWebhooks');
  private sweep?: NodeJS.Timeout;
  /** The batch running on this instance, if any, and whether another must follow it. */
  private queuing: Promise<void> | null = null;
  private queueAgain = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: ChannelsService,
    private readonly queue: QueueService,
    private readonly clients: ClientsService,
    private readonly inbound: InboundService,
    private readonly tickets: TicketsService,
    private readonly attachments: AttachmentsService,
    @Inject(PLATFORM_CLIENTS) private readonly platforms: PlatformClients,
    private readonly broadcaster: RealtimeBroadcaster,
  ) {}

  onApplicationBootstrap(): void {
    // Events stored by an instance that stopped before queuing them, or while the database was away.
    this.sweep = setInterval(() => this.queueSoon(), QUEUE_SWEEP_MS);
    this.sweep.unref();
  }

  onModuleInit(): void {
    this.queue.registerTask<{ eventId: string }>(APPLY_CHANNEL_EVENT_TASK, async ({ eventId }, job) => {
      try {
        await this.apply(eventId);
      } catch (error) {
        // Retried with backoff; the last attempt leaves the reason on the event instead of a silent "received".
        if (job.attempts >= job.maxAttempts) await this.finish(eventId, 'failed', error instanceof Error ? error.message : String(error));
        throw error;
      }
    });
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.sweep);
    await this.queuing;
  }

  async receive(channelId: string, raw: RawWebhook): Promise<WebhookReply> {
    const found = await this.channels.credentialsOf(channelId);
    const protocol = found && PROTOCOLS[found.channel.type];
    // One answer for unknown, switched off and non-messenger channels: a stranger learns nothing from it.
    if (!found || !protocol || !found.channel.enabled) throw new AppError(ErrorCode.ChannelNotFound, 'No messenger channel is connected at this address');
    const { channel, secrets } = found;
    const settings = channel.settings as never;
    if (!protocol.verify(raw, settings, secrets as never)) {
      this.logger.warn(`A ${channel.type} webhook for channel ${channel.id} did not verify; nothing stored`);
      throw new AppError(ErrorCode.WebhookUnverified, `The request does not prove it comes from ${channel.type}`);
    }
    const handshake = protocol.handshake(raw, settings, secrets as never);
    if (handshake) return handshake;
    let parsed;
    try {
      parsed = protocol.parse(raw);
    } catch (error) {
      if (!(error instanceof MalformedWebhookError)) throw error;
      this.logger.warn(`A ${channel.type} webhook for channel ${channel.id} is not the platform's shape (${error.message}); nothing stored`);
      throw new AppError(ErrorCode.WebhookMalformed, error.message);
    }
    if ('ignored' in parsed) {
      this.logger.debug(`${channel.type} webhook for channel ${channel.id} ignored: ${parsed.ignored}`);
      return protocol.accepted;
    }
    await this.store(channel, parsed.events);
    return protocol.accepted;
  }

  /** The events and their jobs in one transaction: a repeat inserts nothing and queues nothing. */
  /**
   * The events in one statement (committed before the platform hears `ok`); a repeat inserts nothing. Their
   * jobs are queued by the next batch, which this request starts at once on this instance.
   */
  private async store(channel: Channel, events: InboundEvent[]): Promise<void> {
    const [one, ...more] = events;
    if (one && more.length === 0) {
      // The usual webhook carries one event: no arrays to build and escape.
      await runPrepared(this.dataSource, STORE_EVENT, [channel.id, one.eventId, JSON.stringify(one)]);
    } else {
      await this.dataSource.query(
        `INSERT INTO channel_events (channel_id, event_key, event)
         SELECT $1, x.key, x.event FROM unnest($2::text[], $3::jsonb[]) AS x(key, event)
         ON CONFLICT (channel_id, event_key) DO NOTHING`,
        [channel.id, events.map((e) => e.eventId), events.map((e) => JSON.stringify(e))],
      );
    }
    this.queueSoon();
  }

  /** Runs a batch now, or once more after the one running (its claim may have missed this event). */
  private queueSoon(): void {
    if (this.queuing) {
      this.queueAgain = true;
      return;
    }
    this.queuing = (async () => {
      do {
        this.queueAgain = false;
        while ((await this.queueBatch().catch((error: unknown) => this.queueFailed(error))) === QUEUE_BATCH);
      } while (this.queueAgain);
    })().finally(() => (this.queuing = null));
  }

  /**
   * Queues the jobs of up to QUEUE_BATCH stored events in one statement: claimed in the order they were
   * stored (SKIP LOCKED: instances never queue one twice), one job each through graphile-worker's add_jobs,
   * one queue per conversation so its events are applied one at a time, in that order. Returns how many.
   */
  async queueBatch(): Promise<number> {
    const [row] = await runPrepared<{ count: number }>(this.dataSource, QUEUE_EVENTS, [APPLY_CHANNEL_EVENT_TASK, QUEUE_BATCH]);
    return row?.count ?? 0;
  }

  private queueFailed(error: unknown): number {
    // The events stay stored and unqueued: the sweep queues them once the database answers again.
    this.logger.warn(`Queuing webhook events failed, retried within ${QUEUE_SWEEP_MS / 1000} s: ${(error as Error).message}`);
    return 0;
  }

  /** The job: applies one stored event once; a message becomes the client's message in their live ticket. */
  async apply(eventId: string): Promise<void> {
    const [row] = await this.dataSource.query<{ channel_id: string; event_key: string; event: StoredEvent; state: ChannelEventState }[]>(
      'SELECT channel_id, event_key, event, state FROM channel_events WHERE id = $1',
      [eventId],
    );
    if (!row || row.state !== 'received') return;
    const channel = await this.channels.findById(row.channel_id, { fresh: true });
    if (!channel) return;
    const event = row.event;
    switch (event.kind) {
      case 'message':
        await this.applyMessage(channel, row.event_key, event);
        break;
      case 'edit': {
        const client = await this.clients.findByIdentity(channel.id, event.user.id);
        const edited = client && (await this.tickets.applyClientEdit(channel.id, client.id, event.messageId, event.text.trim() || '[Empty message]'));
        if (!edited) return this.finish(eventId, 'skipped', 'the edited message is not in any conversation here');
        break;
      }
      case 'receipt': {
        const moved = await this.tickets.markDeliveryByExternalIds(channel.id, event.messageIds, event.state);
        if (moved === 0) return this.finish(eventId, 'skipped', `no reply of ours waited for this ${event.state} receipt`);
        break;
      }
      case 'delivery-failed': {
        const failed = await this.tickets.failDeliveryByExternalIds(channel.id, event.messageIds, event.reason);
        if (failed === 0) return this.finish(eventId, 'skipped', 'no reply of ours that could still fail had this id');
        break;
      }
      case 'unsubscribed':
      case 'subscribed':
        // The client panel shows that replies cannot reach them (WORK-4); sends fail with the platform's reason anyway.
        await this.clients.rememberProfile(channel.id, event.user.id, { unreachable: event.kind === 'unsubscribed' ? event.occurredAt : null });
        break;
      case 'typing': {
        // Shown to the staff watching the conversation (WORK-8), unless it is stale: typing is of the moment.
        const client = Date.now() - Date.parse(event.occurredAt) < TYPING_FRESH_MS ? await this.clients.findByIdentity(channel.id, event.user.id) : null;
        const ticketId = client && (await this.tickets.liveTicketOf(client.id, channel.id));
        if (!client || !ticketId) return this.finish(eventId, 'skipped', 'typing that no open conversation shows (stale, or a client without one)');
        this.broadcaster.emit(rooms.ticket(ticketId), 'ticket:typing', { ticketId, preview: null, who: { type: 'client', id: client.id, name: 'client' }, typing: true });
        break;
      }
    }
    await this.finish(eventId, 'applied', null);
  }

  private async applyMessage(channel: Channel, eventKey: string, event: Extract<StoredEvent, { kind: 'message' }>): Promise<void> {
    const known = await this.clients.findByIdentity(channel.id, event.user.id);
    const user = known ? event.user : await this.lookUp(channel, event.user);
    const { client } = known ? { client: known } : await this.clients.findOrCreateByIdentity(channel.id, user.id, { name: user.name ?? undefined });
    await this.clients.rememberProfile(channel.id, user.id, {
      ...(user.name || !known ? { name: user.name ?? user.username ?? user.id } : {}),
      ...(user.username || !known ? { username: user.username } : {}),
      ...(user.profileUrl || !known ? { url: user.profileUrl } : {}),
      chatId: event.chatId,
    });
    const files = await this.download(channel, client.id, event.attachments);
    await this.inbound.receive({
      channel,
      clientId: client.id,
      body: messageBody(event, new Set(files.keys())),
      dedupeKey: dedupeKeyOf(channel.id, eventKey),
      source: {},
      attachmentIds: [...files.values()],
      // Its edits name it by the platform's id (stored with it: a rerun of the job finds it stored, id and all).
      externalId: event.messageId,
    });
    // After the message, which a slow picture must not hold up.
    if (!known) await this.fetchAvatar(channel, client.id, user);
  }

  /**
   * A new client whose platform names them by id only (VK): who they are, asked once. What the platform
   * cannot say is left as the event had it (the client is then shown by their id), with the reason logged.
   */
  private async lookUp(channel: Channel, user: PlatformUser): Promise<PlatformUser> {
    if (user.name) return user;
    try {
      const access = await this.platformAccess(channel);
      const person = access?.platform.lookupUser && (await access.platform.lookupUser(user.id, access.settings, access.secrets));
      return person
        ? { ...user, name: person.name, username: person.username ?? user.username, profileUrl: person.profileUrl ?? user.profileUrl, avatarUrl: person.avatarUrl ?? user.avatarUrl }
        : user;
    } catch (error) {
      this.logger.warn(`Who ${channel.type} user ${user.id} is could not be asked (channel ${channel.id}): ${(error as Error).message}`);
      return user;
    }
  }

  /**
   * A new client's picture, fetched once into our files (WORK-4): the platforms' addresses expire, and the
   * operator's browser would tell the platform who looks. Without one (or when it cannot be fetched, or is
   * not an image) the client panel shows initials; the reason is logged.
   */
  private async fetchAvatar(channel: Channel, clientId: string, user: PlatformUser): Promise<void> {
    try {
      const access = await this.platformAccess(channel);
      if (!access) return;
      const { platform, settings, secrets } = access;
      const ref = user.avatarUrl ?? (platform.avatarOf ? await platform.avatarOf(user.id, settings, secrets) : null);
      if (!ref) return;
      const picture = await platform.download(ref, settings, secrets, AVATAR_MAX_BYTES);
      const stored = await this.attachments.upload(picture.fileName ?? 'avatar', picture.bytes, { clientId });
      if (stored.isImage) await this.clients.setAvatar(channel.id, user.id, stored.id);
    } catch (error) {
      this.logger.warn(`The picture of ${channel.type} user ${user.id} was not fetched (channel ${channel.id}): ${(error as Error).message}`);
    }
  }

  /**
   * The message's files, fetched from the platform into attachments (CHN-2): by attachment index, the
   * attachment id. What cannot be fetched or is not an accepted type (a sticker's animation, a video's web
   * page, more than the size limit) keeps its placeholder line, with the reason in the log.
   */
  private async download(channel: Channel, clientId: string, attachments: InboundAttachment[]): Promise<Map<number, string>> {
    const files = new Map<number, string>();
    const wanted = attachments.map((a, i) => [a, i] as const).filter(([a]) => a.fileRef !== null);
    if (wanted.length === 0) return files;
    const access = await this.platformAccess(channel);
    if (!access) return files;
    for (const [a, index] of wanted) {
      try {
        const downloaded = await access.platform.download(a.fileRef!, access.settings, access.secrets, MAX_ATTACHMENT_BYTES);
        const stored = await this.attachments.upload(a.fileName ?? downloaded.fileName ?? ATTACHMENT_LABEL[a.kind], downloaded.bytes, { clientId });
        files.set(index, stored.id);
      } catch (error) {
        this.logger.warn(`A ${a.kind} of a ${channel.type} message (channel ${channel.id}) is kept as a placeholder: ${(error as Error).message}`);
      }
    }
    return files;
  }

  /**
   * A messenger channel's platform client with its settings and opened secrets, through the same short
   * cache the webhook's verification reads (the job itself has just read the channel fresh); null for the
   * widget or a channel gone.
   */
  private async platformAccess(channel: Channel): Promise<{ platform: PlatformClients[MessengerType]; settings: never; secrets: never } | null> {
    if (!isMessenger(channel.type)) return null;
    const found = await this.channels.credentialsOf(channel.id);
    return found ? { platform: this.platforms[channel.type], settings: found.channel.settings as never, secrets: found.secrets as never } : null;
  }

  private async finish(eventId: string, state: ChannelEventState, detail: string | null): Promise<void> {
    await this.dataSource.query('UPDATE channel_events SET state = $2, detail = $3, applied_at = now() WHERE id = $1', [eventId, state, detail]);
  }
}
