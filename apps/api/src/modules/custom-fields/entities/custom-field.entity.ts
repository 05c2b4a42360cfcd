import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** WORK-4: a field an administrator adds to clients or tickets; values live in the `custom` column. */
@Entity('custom_fields')
@Index('custom_fields_entity_key_key', ['entity', 'key'], { unique: true })
export class CustomFieldEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  entity: 'client' | 'ticket';

  @Column('text')
  key: string;

  @Column('text')
  label: string;

  @Column('text')
  type: 'text' | 'number' | 'date' | 'list';

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  options: string[];

  @Column({ type: 'int', default: 0 })
  position: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
