import type { ChannelType } from '@omnichannel/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** TPL-1: a canned reply, found by its tags after "/" in the reply box, for some channels or all. */
@Entity('templates')
export class TemplateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  title: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** Empty: every channel. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  channels: ChannelType[];

  @Column('text')
  body: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
