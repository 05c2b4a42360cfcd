import type { RuleAction, RuleCondition, RuleTrigger } from '@omnichannel/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** DSP-3: one dispatcher rule; rules run in `position` order. */
@Entity('dispatch_rules')
export class DispatchRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column('int')
  position: number;

  @Column('jsonb')
  trigger: RuleTrigger;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  conditions: RuleCondition[];

  @Column('jsonb')
  actions: RuleAction[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
