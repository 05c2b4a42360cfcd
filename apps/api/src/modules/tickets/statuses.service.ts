import { ErrorCode, ticketStatusInputSchema, type TicketStatusInfo, type TicketStatusInput } from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { TicketStatusEntity } from './entities/ticket-status.entity';

/** The live chat moves tickets through these itself; they can be renamed but not removed. */
const BUILT_IN = new Set(['open', 'in_progress', 'completed']);

const toInfo = (s: TicketStatusEntity): TicketStatusInfo => ({ code: s.code, name: s.name, isFinal: s.isFinal, position: s.position });

/** CORE-4: configurable ticket statuses. */
@Injectable()
export class StatusesService {
  constructor(@InjectRepository(TicketStatusEntity) private readonly statuses: Repository<TicketStatusEntity>) {}

  async list(): Promise<TicketStatusInfo[]> {
    return (await this.statuses.find({ order: { position: 'ASC', code: 'ASC' } })).map(toInfo);
  }

  /** `m`: inside a transaction, read on its connection (never wait for another one while holding locks). */
  async get(code: string, m?: EntityManager): Promise<TicketStatusInfo> {
    const status = await (m ? m.getRepository(TicketStatusEntity) : this.statuses).findOneBy({ code });
    if (!status) throw new AppError(ErrorCode.StatusNotFound, `There is no status "${code}"`);
    return toInfo(status);
  }

  async isFinal(code: string, m?: EntityManager): Promise<boolean> {
    return (await this.get(code, m)).isFinal;
  }

  async create(input: TicketStatusInput): Promise<TicketStatusInfo> {
    const data = ticketStatusInputSchema.parse(input);
    if (await this.statuses.existsBy({ code: data.code })) throw new AppError(ErrorCode.StatusTaken, `The status "${data.code}" exists already`);
    return toInfo(await this.statuses.save(this.statuses.create(data)));
  }

  async update(code: string, input: TicketStatusInput): Promise<TicketStatusInfo> {
    const data = ticketStatusInputSchema.parse(input);
    const current = await this.get(code);
    if (data.code !== code) throw new AppError(ErrorCode.ValidationFailed, 'A status code cannot change; create a new status instead');
    if (BUILT_IN.has(code) && data.isFinal !== current.isFinal) {
      throw new AppError(ErrorCode.ValidationFailed, 'The live chat relies on this status; it cannot change between open and final');
    }
    await this.statuses.update({ code }, { name: data.name, isFinal: data.isFinal, position: data.position });
    return this.get(code);
  }

  async remove(code: string): Promise<void> {
    await this.get(code);
    if (BUILT_IN.has(code)) throw new AppError(ErrorCode.StatusInUse, 'The live chat relies on this status; rename it instead');
    const used = await this.statuses.manager.query<{ n: number }[]>('SELECT count(*)::int AS n FROM tickets WHERE status = $1', [code]);
    if ((used[0]?.n ?? 0) > 0) throw new AppError(ErrorCode.StatusInUse, `${used[0]?.n ?? 0} tickets have this status; change them first`);
    await this.statuses.delete({ code });
  }
}
