import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { ClientIdentityEntity } from './entities/client-identity.entity';
import { ClientEntity } from './entities/client.entity';

/** A client as other modules see it: the entity stays inside this module. */
export type Client = Pick<ClientEntity, 'id' | 'name' | 'email' | 'phone' | 'custom'>;

export interface ClientProfile {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

@Injectable()
export class ClientsService {
  constructor(
    @InjectRepository(ClientEntity) private readonly clients: Repository<ClientEntity>,
    private readonly dataSource: DataSource,
  ) {}

  findById(id: string): Promise<Client | null> {
    return this.clients.findOneBy({ id });
  }

  /**
   * The client known on a channel by an external id, created on first contact. The unique index on
   * (channel, external id) settles concurrent first contacts: the loser reads the winner's row.
   */
  async findOrCreateByIdentity(
    channelId: string,
    externalId: string,
    profile: ClientProfile = {},
  ): Promise<{ client: Client; created: boolean }> {
    const existing = await this.findByIdentity(channelId, externalId);
    if (existing) return { client: existing, created: false };
    return this.dataSource.transaction(async (manager) => {
      const client = await manager.save(
        manager.create(ClientEntity, { name: profile.name ?? null, email: profile.email ?? null, phone: profile.phone ?? null }),
      );
      const inserted: unknown[] = await manager.query(
        `INSERT INTO client_identities (client_id, channel_id, external_id)
         VALUES ($1, $2, $3) ON CONFLICT (channel_id, external_id) DO NOTHING RETURNING id`,
        [client.id, channelId, externalId],
      );
      if (inserted.length > 0) return { client, created: true };
      await manager.delete(ClientEntity, { id: client.id });
      const winner = await manager
        .createQueryBuilder(ClientEntity, 'c')
        .innerJoin(ClientIdentityEntity, 'i', 'i.client_id = c.id')
        .where('i.channel_id = :channelId AND i.external_id = :externalId', { channelId, externalId })
        .getOneOrFail();
      return { client: winner, created: false };
    });
  }

  /**
   * What the channel tells about the person (a messenger's name, username, profile link, chat): kept on
   * their identity and shown in the client panel (WORK-4). Only the fields given change.
   */
  async rememberProfile(channelId: string, externalId: string, profile: Record<string, string | null>): Promise<void> {
    // Most messages tell nothing new: then nothing is written.
    await this.dataSource.query('UPDATE client_identities SET profile = profile || $3::jsonb WHERE channel_id = $1 AND external_id = $2 AND NOT profile @> $3::jsonb', [
      channelId,
      externalId,
      JSON.stringify(profile),
    ]);
  }

  /** Their picture on the channel, fetched into our files (WORK-4). */
  async setAvatar(channelId: string, externalId: string, attachmentId: string): Promise<void> {
    await this.dataSource.query('UPDATE client_identities SET avatar_attachment_id = $3 WHERE channel_id = $1 AND external_id = $2', [channelId, externalId, attachmentId]);
  }

  /** Where a messenger's replies to this client go: the chat remembered from their messages, else their platform id. */
  async platformAddress(clientId: string, channelId: string): Promise<string | null> {
    const [identity] = await this.dataSource.query<{ address: string }[]>(
      `SELECT COALESCE(profile->>'chatId', external_id) AS address FROM client_identities WHERE client_id = $1 AND channel_id = $2 LIMIT 1`,
      [clientId, channelId],
    );
    return identity?.address ?? null;
  }

  findByIdentity(channelId: string, externalId: string): Promise<Client | null> {
    return this.clients
      .createQueryBuilder('c')
      .innerJoin(ClientIdentityEntity, 'i', 'i.client_id = c.id')
      .where('i.channel_id = :channelId AND i.external_id = :externalId', { channelId, externalId })
      .getOne();
  }

  async updateProfile(id: string, profile: ClientProfile): Promise<Client> {
    const patch: Partial<ClientEntity> = {};
    if (profile.name !== undefined) patch.name = profile.name === '' ? null : profile.name;
    if (profile.email !== undefined) patch.email = profile.email === '' ? null : profile.email?.toLowerCase() ?? null;
    if (profile.phone !== undefined) patch.phone = profile.phone === '' ? null : profile.phone;
    if (Object.keys(patch).length > 0) await this.clients.update({ id }, patch);
    return this.clients.findOneByOrFail({ id });
  }
}
