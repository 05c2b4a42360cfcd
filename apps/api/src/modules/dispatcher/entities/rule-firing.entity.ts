import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TicketEntity } from '../../tickets/entities/ticket.entity';
import { DispatchRuleEntity } from './dispatch-rule.entity';

/**
 * DSP-3: a time trigger ("unanswered for N minutes") fires once per wait of the client: the sweep that
 * finds the request inserts this row first, so several instances never fire it twice.
 */
@Entity('rule_firings')
export class RuleFiringEntity {
  @PrimaryColumn('uuid')
  ruleId: string;

  @ManyToOne(() => DispatchRuleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rule_id' })
  rule?: DispatchRuleEntity;

  @PrimaryColumn('uuid')
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: TicketEntity;

  /** The client's waiting_since the firing was for. */
  @PrimaryColumn('timestamptz')
  firedFor: Date;
}
