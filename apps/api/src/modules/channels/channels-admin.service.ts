import { randomBytes } from 'node:crypto';
import {
  ErrorCode,
  messengerInputSchemas,
  isMessenger,
  type AdminChannel,
  type ChannelType,
  type CreateChannelRequest,
  type MessengerType,
  type UpdateChannelRequest,
} from '@omnichannel/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { parseOrThrow } from '../../common/validation/parse';
import { APP_CONFIG, publicOrigin, type AppConfig } from '../../config/app-config';
import { ChannelSecrets } from './channel-secrets.service';
import { ChannelsService } from './channels.service';
import { PLATFORM_CLIENTS, type PlatformClients } from './platforms/clients';
import { PlatformError, type BaseSettings } from './platforms/platform-client';

/** Secrets we make ourselves (the platform repeats them to us), never typed in by an administrator. */
const GENERATED_SECRETS: Partial<Record<MessengerType, string>> = { telegram: 'webhookSecret', odnoklassniki: 'webhookSecret' };

interface ChannelRow {
  id: string;
  type: ChannelType;
  name: string;
  department_id: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  secrets: string | null;
  account_name: string | null;
  webhook_registered_at: Date | null;
  webhook_error: string | null;
  last_send_error: string | null;
  last_send_error_at: Date | null;
  created_at: Date;
  last_event_at: Date | null;
  events_last_day: number;
  failed_detail: string | null;
  failed_at: Date | null;
}

/** Every channel with what its health needs: its last event, a day's count, the last event it could not apply. */
const CHANNELS_WITH_HEALTH = `
  SELECT c.*, failed.detail AS failed_detail, failed.applied_at AS failed_at,
         (SELECT max(e.received_at) FROM channel_events e WHERE e.channel_id = c.id) AS last_event_at,
         (SELECT count(*)::int FROM channel_events e WHERE e.channel_id = c.id AND e.received_at > now() - interval '1 day') AS events_last_day
    FROM channels c
    LEFT JOIN LATERAL (
      SELECT e.detail, e.applied_at FROM channel_events e
       WHERE e.channel_id = c.id AND e.state = 'failed' ORDER BY e.received_at DESC LIMIT 1
    ) failed ON true`;

function iso(date: Date | null): string | null {
  return date ? new Date(date).toISOString() : null;
}

/** A platform's refusal as the administrator reads it, nothing stored. */
function refused(error: unknown): never {
  if (error instanceof PlatformError) throw new AppError(ErrorCode.PlatformRefused, error.message);
  throw error;
}

/**
 * Settings → Channels (SET-7, CHN-1, issue #11 point 5): an administrator connects a messenger account
 * (its credentials checked with the platform, sealed at rest), registers its webhook where the platform
 * has an API for it, switches it off, deletes it; the list shows each channel's health. Secrets never
 * leave the API: the SPA learns only which are set.
 */
@Injectable()
export class ChannelsAdminService {
  private readonly logger = new Logger('Channels');

  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: ChannelsService,
    private readonly secrets: ChannelSecrets,
    @Inject(PLATFORM_CLIENTS) private readonly clients: PlatformClients,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Where a platform sends a channel's events; OK's carries the token it proves itself with. */
  webhookUrl(id: string, type: ChannelType, secrets: Record<string, string> | null): string | null {
    if (!isMessenger(type)) return null;
    const url = `${publicOrigin(this.config)}/api/channels/${id}/webhook`;
    return type === 'odnoklassniki' && secrets?.webhookSecret ? `${url}?token=${encodeURIComponent(secrets.webhookSecret)}` : url;
  }

  async list(): Promise<AdminChannel[]> {
    const rows = await this.dataSource.query<ChannelRow[]>(`${CHANNELS_WITH_HEALTH} ORDER BY c.created_at, c.id`);
    return rows.map((row) => this.view(row));
  }

  async get(id: string): Promise<AdminChannel> {
    const [row] = await this.dataSource.query<ChannelRow[]>(`${CHANNELS_WITH_HEALTH} WHERE c.id = $1`, [id]);
    if (!row) throw new AppError(ErrorCode.ChannelNotFound, 'Channel not found');
    return this.view(row);
  }

  private view(row: ChannelRow): AdminChannel {
    const opened = row.secrets ? this.openQuietly(row) : null;
    const sendFailedLater = row.last_send_error_at && (!row.failed_at || row.last_send_error_at > row.failed_at);
    return {
      id: row.id,
      type: row.type,
      name: row.name,
      departmentId: row.department_id,
      enabled: row.enabled,
      settings: row.settings,
      secretsSet: opened ? Object.keys(opened).filter((k) => opened[k]) : [],
      webhookUrl: this.webhookUrl(row.id, row.type, opened),
      canRegisterWebhook: isMessenger(row.type) && this.clients[row.type].capabilities.registerWebhook,
      accountName: row.account_name,
      health: {
        lastEventAt: iso(row.last_event_at),
        eventsLastDay: row.events_last_day ?? 0,
        lastError: sendFailedLater ? row.last_send_error : (row.failed_detail ?? null),
        lastErrorAt: sendFailedLater ? iso(row.last_send_error_at) : iso(row.failed_at),
        webhookRegisteredAt: iso(row.webhook_registered_at),
        webhookError: row.webhook_error,
      },
      createdAt: iso(row.created_at)!,
    };
  }

  /** A channel whose secrets cannot be opened (the key changed) still lists, with nothing set. */
  private openQuietly(row: ChannelRow): Record<string, string> | null {
    try {
      return this.secrets.open(row.secrets!);
    } catch (error) {
      this.logger.error(`The secrets of channel ${row.id} cannot be opened with this CHANNEL_SECRETS_KEY: ${(error as Error).message}`);
      return null;
    }
  }

  private async assertDepartment(id: string): Promise<void> {
    const [found] = await this.dataSource.query<unknown[]>('SELECT 1 FROM departments WHERE id = $1', [id]);
    if (!found) throw new AppError(ErrorCode.DepartmentNotFound, 'Department not found');
  }

  async create(input: CreateChannelRequest): Promise<AdminChannel> {
    const request = input as Extract<CreateChannelRequest, { type: MessengerType }> & { registerWebhook: boolean };
    await this.assertDepartment(request.departmentId);
    const type = request.type;
    const secrets: Record<string, string> = { ...(request.secrets as Record<string, string>) };
    const generated = GENERATED_SECRETS[type];
    if (generated) secrets[generated] = randomBytes(24).toString('base64url');
    const settings = request.settings as BaseSettings & Record<string, unknown>;
    const account = await this.clients[type].describe(settings, secrets as never).catch(refused);
    const channel = await this.channels.createMessenger({ type, name: request.name, departmentId: request.departmentId, settings, secrets });
    await this.dataSource.query('UPDATE channels SET account_name = $2 WHERE id = $1', [channel.id, account.accountName]);
    this.logger.log(`Connected ${type} channel ${channel.id} (${account.accountName ?? 'no account name'})`);
    if (request.registerWebhook && this.clients[type].capabilities.registerWebhook) await this.register(channel.id, false);
    return this.get(channel.id);
  }

  async update(id: string, patch: UpdateChannelRequest): Promise<AdminChannel> {
    const current = await this.channels.withSecrets(id);
    const plain = current ? null : await this.channels.findById(id, { fresh: true });
    const channel = current?.channel ?? plain;
    if (!channel) throw new AppError(ErrorCode.ChannelNotFound, 'Channel not found');
    if (patch.departmentId) await this.assertDepartment(patch.departmentId);
    let credentials: { settings: string; secrets: string; accountName: string | null } | null = null;
    if (isMessenger(channel.type) && (patch.settings || patch.secrets)) {
      const schemas = messengerInputSchemas[channel.type];
      const settings = patch.settings ? parseOrThrow(schemas.settings, patch.settings) : channel.settings;
      const given = patch.secrets ? parseOrThrow(schemas.secrets.partial(), patch.secrets) : {};
      const secrets = { ...(current?.secrets ?? {}), ...(given as Record<string, string>) };
      // Nothing changes until the platform accepts the new credentials.
      const account = await this.clients[channel.type].describe(settings as BaseSettings, secrets as never).catch(refused);
      credentials = { settings: JSON.stringify(settings), secrets: this.secrets.seal(secrets), accountName: account.accountName };
    }
    await this.dataSource.query(
      `UPDATE channels
          SET name = COALESCE($2, name), department_id = COALESCE($3, department_id), enabled = COALESCE($4, enabled),
              settings = COALESCE($5::jsonb, settings), secrets = COALESCE($6, secrets),
              account_name = CASE WHEN $5::jsonb IS NULL THEN account_name ELSE $7 END
        WHERE id = $1`,
      [id, patch.name ?? null, patch.departmentId ?? null, patch.enabled ?? null, credentials?.settings ?? null, credentials?.secrets ?? null, credentials?.accountName ?? null],
    );
    this.channels.forget(id);
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const found = await this.channels.withSecrets(id);
    const channel = found?.channel ?? (await this.channels.findById(id, { fresh: true }));
    if (!channel) throw new AppError(ErrorCode.ChannelNotFound, 'Channel not found');
    const [{ count } = { count: 0 }] = await this.dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM tickets WHERE channel_id = $1', [id]);
    if (count > 0) {
      throw new AppError(ErrorCode.ChannelInUse, `The channel has ${count} conversation(s); switch it off instead, so their history stays`);
    }
    if (found && isMessenger(channel.type) && this.clients[channel.type].capabilities.registerWebhook) {
      await this.clients[channel.type]
        .unregisterWebhook(channel.settings as BaseSettings, found.secrets as never)
        .catch((error: unknown) => this.logger.warn(`Could not unregister the webhook of channel ${id}: ${(error as Error).message}`));
    }
    await this.dataSource.query('DELETE FROM client_identities WHERE channel_id = $1', [id]);
    await this.dataSource.query('DELETE FROM channels WHERE id = $1', [id]);
    this.channels.forget(id);
  }

  /** Registers the webhook; the outcome is kept in the channel's health. `strict`: a refusal is the answer too. */
  async register(id: string, strict = true): Promise<AdminChannel> {
    const found = await this.channels.withSecrets(id);
    if (!found || !isMessenger(found.channel.type)) throw new AppError(ErrorCode.ChannelNotFound, 'No messenger channel with this id');
    const { channel, secrets } = found;
    const client = this.clients[channel.type as MessengerType];
    if (!client.capabilities.registerWebhook) {
      throw new AppError(ErrorCode.PlatformRefused, `${channel.type} has no API to register the webhook: enter its URL in the platform's settings`);
    }
    try {
      await client.registerWebhook(this.webhookUrl(channel.id, channel.type, secrets)!, channel.settings, secrets as never);
      await this.dataSource.query('UPDATE channels SET webhook_registered_at = now(), webhook_error = NULL WHERE id = $1', [id]);
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      this.logger.warn(`The ${channel.type} webhook of channel ${id} was not registered: ${error.message}`);
      await this.dataSource.query('UPDATE channels SET webhook_registered_at = NULL, webhook_error = $2 WHERE id = $1', [id, error.message]);
      if (strict) throw new AppError(ErrorCode.PlatformRefused, error.message);
    }
    return this.get(id);
  }
}
