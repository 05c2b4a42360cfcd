import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** CORE-1: a customer; reachable through one or more channel identities. */
@Entity('clients')
// Issue #19: the ticket search's trigram and prefix indexes (expressions: kept by the migration, not the schema builder).
@Index('clients_name_trgm_idx', { synchronize: false })
@Index('clients_email_trgm_idx', { synchronize: false })
@Index('clients_phone_trgm_idx', { synchronize: false })
@Index('clients_name_prefix_idx', { synchronize: false })
@Index('clients_email_prefix_idx', { synchronize: false })
export class ClientEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  /** Values of the administrator's client fields (WORK-4), by field key. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  custom: Record<string, string | number | null>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
