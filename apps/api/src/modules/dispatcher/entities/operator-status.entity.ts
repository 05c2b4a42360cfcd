import { Column, Entity, PrimaryColumn } from 'typeorm';

/** DSP-1: operator statuses; online, away and offline are created by the migration and cannot be removed. */
@Entity('operator_statuses')
export class OperatorStatusEntity {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  /** Whether the dispatcher hands chats to operators in this status. */
  @Column({ type: 'boolean', default: false })
  receivesChats: boolean;

  @Column({ type: 'boolean', default: false })
  builtin: boolean;

  @Column({ type: 'int', default: 100 })
  position: number;
}
