import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ClientEntity } from '../../clients/entities/client.entity';
import { EmployeeEntity } from '../../employees/entities/employee.entity';
import { MessageEntity } from '../../tickets/entities/message.entity';
import { TicketEntity } from '../../tickets/entities/ticket.entity';
import { TemplateEntity } from '../../templates/entities/template.entity';

/**
 * CORE-7: a stored file. Uploaded first (owned by its uploader, linked to nothing), then linked to one
 * message (and so one ticket, which decides who may download it) or one template. The bytes live on disk
 * under a server-chosen key; the original name is only metadata.
 */
@Entity('attachments')
@Index('attachments_message_idx', ['messageId'])
@Index('attachments_template_idx', ['templateId'])
// The janitor's sweep: uploads never attached, oldest first (issue #10 point 7).
@Index('attachments_unattached_idx', ['createdAt'], { where: 'message_id IS NULL AND template_id IS NULL' })
// Whether any row still uses a stored file (copies of a template's file share its key).
@Index('attachments_storage_key_idx', ['storageKey'])
export class AttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  mime: string;

  @Column('int')
  size: number;

  @Column({ type: 'boolean', default: false })
  isImage: boolean;

  /** The file's place among its message's (or template's) files, as the sender ordered them. */
  @Column({ type: 'smallint', default: 0 })
  position: number;

  /** The file's key in storage; several rows may share one (a template's file sent in many replies). */
  @Column('text')
  storageKey: string;

  @Column({ type: 'uuid', nullable: true })
  uploadedByEmployeeId: string | null;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploaded_by_employee_id' })
  uploadedByEmployee?: EmployeeEntity | null;

  @Column({ type: 'uuid', nullable: true })
  uploadedByClientId: string | null;

  @ManyToOne(() => ClientEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'uploaded_by_client_id' })
  uploadedByClient?: ClientEntity | null;

  @Column({ type: 'uuid', nullable: true })
  messageId: string | null;

  @ManyToOne(() => MessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: MessageEntity | null;

  @Column({ type: 'uuid', nullable: true })
  ticketId: string | null;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: TicketEntity | null;

  @Column({ type: 'uuid', nullable: true })
  templateId: string | null;

  @ManyToOne(() => TemplateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'template_id' })
  template?: TemplateEntity | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
