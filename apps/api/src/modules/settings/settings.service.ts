import { defaultOmniSettings, omniSettingsSchema, type OmniSettings, type UpdateOmniSettingsRequest } from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { prepared, runPrepared } from '../../database/prepared';
import { SettingEntity } from './entities/setting.entity';

export const SettingsEvents = { OmniChanged: 'settings.omni-changed' } as const;

const OMNI = 'omni';

/** Read by every dispatcher round and every SLA deadline: prepared. */
const SETTING = prepared('setting-by-key', 'SELECT value FROM settings WHERE key = $1');

/** Section 5 module settings, one document; missing keys take their defaults. */
@Injectable()
export class SettingsService {
  constructor(
    @InjectRepository(SettingEntity) private readonly settings: Repository<SettingEntity>,
    private readonly events: EventEmitter2,
  ) {}

  /** `m`: inside a transaction, read on its connection (never wait for another one while holding locks). */
  async omni(m?: EntityManager): Promise<OmniSettings> {
    const [row] = await runPrepared<{ value: Partial<OmniSettings> }>(m ?? this.settings.manager, SETTING, [OMNI]);
    const parsed = omniSettingsSchema.safeParse({ ...defaultOmniSettings, ...row?.value });
    return parsed.success ? parsed.data : defaultOmniSettings;
  }

  async updateOmni(patch: UpdateOmniSettingsRequest): Promise<OmniSettings> {
    const next = omniSettingsSchema.parse({ ...(await this.omni()), ...patch });
    await this.settings.query(
      `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [OMNI, JSON.stringify(next)],
    );
    this.events.emit(SettingsEvents.OmniChanged, next);
    return next;
  }
}
