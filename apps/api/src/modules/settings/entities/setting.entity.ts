import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A settings document of the module, by key ("omni" for the module settings of section 5). */
@Entity('settings')
export class SettingEntity {
  @PrimaryColumn('text')
  key: string;

  @Column({ type: 'jsonb' })
  value: Record<string, unknown>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
