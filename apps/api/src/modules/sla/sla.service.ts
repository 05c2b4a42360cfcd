import {
  DEFAULT_FIRST_REPLY_MINUTES,
  departmentSlaInputSchema,
  type DepartmentSla,
  type DepartmentSlaInput,
  type WorkScheduleValue,
} from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Tx } from '../../database/tx';
import { DepartmentsService } from '../departments/departments.service';
import { TicketCommands } from '../tickets/commands/ticket-commands';
import { addWorkingMinutes, isWorkingTime } from './working-time';

interface SlaRow {
  department_id: string;
  department_name: string;
  first_reply_minutes: number | null;
  resolution_minutes: number | null;
  schedule: WorkScheduleValue | null;
}

/**
 * The module's own deadlines (SLA-1, SLA-2): per department a first-reply and a resolution time, counted
 * in the department's working hours when it has a schedule. Deadlines are fixed on the request when it
 * arrives (a consumer of `ticket.created`); a sweep marks the ones that passed, and the ticket commands
 * write the history, log the breach (rules listen) and tell supervisors live.
 */
@Injectable()
export class SlaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly departments: DepartmentsService,
    private readonly commands: TicketCommands,
  ) {}

  async list(): Promise<DepartmentSla[]> {
    const rows = await this.dataSource.query<SlaRow[]>(
      `SELECT d.id AS department_id, d.name AS department_name, s.first_reply_minutes, s.resolution_minutes, s.schedule
         FROM departments d LEFT JOIN department_sla s ON s.department_id = d.id ORDER BY d.name, d.id`,
    );
    return rows.map(toSla);
  }

  async get(departmentId: string): Promise<DepartmentSla> {
    const department = await this.departments.get(departmentId);
    const [row] = await this.dataSource.query<SlaRow[]>(
      'SELECT first_reply_minutes, resolution_minutes, schedule FROM department_sla WHERE department_id = $1',
      [department.id],
    );
    return toSla({ first_reply_minutes: null, resolution_minutes: null, schedule: null, ...row, department_id: department.id, department_name: department.name });
  }

  async update(departmentId: string, input: DepartmentSlaInput): Promise<DepartmentSla> {
    const data = departmentSlaInputSchema.parse(input);
    await this.departments.get(departmentId);
    await this.dataSource.query(
      `INSERT INTO department_sla (department_id, first_reply_minutes, resolution_minutes, schedule) VALUES ($1, $2, $3, $4)
       ON CONFLICT (department_id) DO UPDATE SET first_reply_minutes = EXCLUDED.first_reply_minutes,
              resolution_minutes = EXCLUDED.resolution_minutes, schedule = EXCLUDED.schedule`,
      [departmentId, data.firstReplyMinutes, data.resolutionMinutes, data.schedule ? JSON.stringify(data.schedule) : null],
    );
    return this.get(departmentId);
  }

  /** SLA-1: a new request gets its deadlines from its department's settings and schedule. */
  async stampDeadlines(tx: Tx, ticketId: string): Promise<void> {
    const [row] = await tx.m.query<(SlaRow & { created_at: Date })[]>(
      `SELECT t.department_id, t.created_at, s.first_reply_minutes, s.resolution_minutes, s.schedule
         FROM tickets t LEFT JOIN department_sla s ON s.department_id = t.department_id
        WHERE t.id = $1 AND t.live AND t.first_reply_due IS NULL`,
      [ticketId],
    );
    if (!row) return;
    const firstReply = addWorkingMinutes(row.created_at, row.first_reply_minutes ?? DEFAULT_FIRST_REPLY_MINUTES, row.schedule);
    const resolution = row.resolution_minutes ? addWorkingMinutes(row.created_at, row.resolution_minutes, row.schedule) : null;
    await this.commands.setDeadlines(tx, ticketId, firstReply, resolution);
  }

  /** Whether the department works at this moment (the dispatcher's working-hours condition). */
  async isWorkingTime(departmentId: string, m: EntityManager = this.dataSource.manager, at: Date = new Date()): Promise<boolean> {
    const [row] = await m.query<{ schedule: WorkScheduleValue | null }[]>('SELECT schedule FROM department_sla WHERE department_id = $1', [departmentId]);
    return isWorkingTime(at, row?.schedule ?? null);
  }

  /** SLA-2: marks the deadlines that passed; each breach is marked and announced once, whichever instance sweeps. */
  async markBreaches(): Promise<number> {
    const { value } = await this.commands.run(async (tx) => {
      const firstReply = await this.commands.markSlaBreaches(tx, 'first-reply');
      const resolution = await this.commands.markSlaBreaches(tx, 'resolution');
      return firstReply.length + resolution.length;
    });
    return value;
  }
}

function toSla(row: SlaRow): DepartmentSla {
  return {
    departmentId: row.department_id,
    departmentName: row.department_name,
    firstReplyMinutes: row.first_reply_minutes ?? DEFAULT_FIRST_REPLY_MINUTES,
    resolutionMinutes: row.resolution_minutes,
    schedule: row.schedule,
  };
}
