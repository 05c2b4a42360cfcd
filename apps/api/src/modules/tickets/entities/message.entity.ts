import type { DeliveryState, MessageKind, SystemEvent } from '@omnichannel/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ClientEntity } from '../../clients/entities/client.entity';
import { EmployeeEntity } from '../../employees/entities/employee.entity';
import { TicketEntity } from './ticket.entity';

/**
 * CORE-5: one history entry of a ticket. `seq` is handed out in the same transaction as the insert,
 * so a reconnecting client can ask for "everything after seq N" and miss nothing.
 * `clientMsgId` makes retried sends idempotent per author.
 */
@Entity('messages')
@Index('messages_text_idx', { synchronize: false })
@Index('messages_created_idx', ['createdAt'])
@Index('messages_external_idx', ['externalId'], { where: 'external_id IS NOT NULL' })
@Index('messages_ticket_seq_key', ['ticketId', 'seq'], { unique: true })
@Index('messages_client_msg_key', ['authorClientId', 'clientMsgId'], {
  unique: true,
  where: 'client_msg_id IS NOT NULL AND author_client_id IS NOT NULL',
})
@Index('messages_employee_msg_key', ['authorEmployeeId', 'clientMsgId'], {
  unique: true,
  where: 'client_msg_id IS NOT NULL AND author_employee_id IS NOT NULL',
})
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: TicketEntity;

  @Column('int')
  seq: number;

  @Column('text')
  kind: MessageKind;

  @Column('text')
  body: string;

  @Column({ type: 'uuid', nullable: true })
  authorEmployeeId: string | null;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_employee_id' })
  authorEmployee?: EmployeeEntity | null;

  @Column({ type: 'uuid', nullable: true })
  authorClientId: string | null;

  @ManyToOne(() => ClientEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_client_id' })
  authorClient?: ClientEntity | null;

  @Column({ type: 'jsonb', nullable: true })
  event: SystemEvent | null;

  @Column({ type: 'uuid', nullable: true })
  clientMsgId: string | null;

  /** WORK-9: set for replies only. */
  @Column({ type: 'text', nullable: true })
  deliveryState: DeliveryState | null;

  @Column({ type: 'text', nullable: true })
  deliveryError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveryUpdatedAt: Date | null;

  /**
   * Where the entry shows: `both`; `chat` only (a reply merged away from the ticket's history, SET-1);
   * `ticket` only (the merged reply itself).
   */
  @Column({ type: 'text', default: 'both' })
  visibility: 'both' | 'chat' | 'ticket';

  /**
   * The platform's id of the message: of a reply once sent (receipts name it), of a client's message from a
   * messenger (edits name it).
   */
  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  /** When the client edited it on their messenger (its body is the new text). */
  @Column({ type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  /**
   * Issue #19: the text's words for search (`russian` configuration), kept by a trigger on insert and on
   * a change of the text; null for system entries. Never read into the application.
   */
  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
