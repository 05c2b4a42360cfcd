import {
  BuiltinOperatorStatus,
  ErrorCode,
  Permission,
  operatorStatusInputSchema,
  operatorStatusUpdateSchema,
  type HeldRequest,
  type OperatorPresence,
  type OperatorStatus,
  type OperatorStatusInput,
  type OperatorStatusUpdate,
} from '@omnichannel/contracts';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { loggableError } from '../../common/errors/error-response';
import type { EmployeePrincipal } from '../../common/principal';
import { updatedRows } from '../../common/sql';
import { inTransaction } from '../../database/tx';
import { EventLog } from '../../events/event-log';
import { RealtimeBroadcaster } from '../../realtime/realtime.broadcaster';
import { rooms } from '../../realtime/rooms';
import { SettingsService } from '../settings/settings.service';
import { DispatcherEvents, type ConnectionEvent, type LimitChangedEvent, type StatusChangedEvent } from './dispatcher.events';

interface PresenceRow {
  id: string;
  name: string;
  status: string;
  status_since: Date;
  active_chats: number;
  chat_limit: number | null;
}

const PRESENCE_SELECT = `SELECT e.id, e.name, e.status, e.status_since, e.active_chats, e.chat_limit FROM employees e`;

/** Operators: employees with the Omni right who are enabled. */
const OPERATOR = `e.disabled_at IS NULL AND e.deleted_at IS NULL AND EXISTS (
  SELECT 1 FROM employee_groups eg JOIN groups g ON g.id = eg.group_id WHERE eg.employee_id = e.id AND '${Permission.OmniAccess}' = ANY(g.permissions))`;

/**
 * Operator statuses and presence (DSP-1, DSP-2, SET-4): the statuses administrators define, each
 * employee's status with every change recorded, chat limits, and going offline automatically when every
 * connection has been gone for the grace period (counted across all API instances).
 */
@Injectable()
export class PresenceService implements OnModuleDestroy {
  private readonly logger = new Logger('Presence');
  private readonly offlineTimers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
    private readonly events: EventEmitter2,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly log: EventLog,
  ) {}

  onModuleDestroy(): void {
    // Sockets close while the app shuts down: that is not the employee leaving.
    this.closed = true;
    for (const timer of this.offlineTimers.values()) clearTimeout(timer);
    this.offlineTimers.clear();
  }

  // ---------------------------------------------------------------- the statuses (administration)

  async statuses(): Promise<OperatorStatus[]> {
    const rows = await this.dataSource.query<{ code: string; name: string; receives_chats: boolean; builtin: boolean; position: number }[]>(
      'SELECT code, name, receives_chats, builtin, position FROM operator_statuses ORDER BY position, code',
    );
    return rows.map((r) => ({ code: r.code, name: r.name, receivesChats: r.receives_chats, builtin: r.builtin, position: r.position }));
  }

  async status(code: string): Promise<OperatorStatus> {
    const found = (await this.statuses()).find((s) => s.code === code);
    if (!found) throw new AppError(ErrorCode.StatusNotFound, `There is no operator status "${code}"`);
    return found;
  }

  async createStatus(input: OperatorStatusInput): Promise<OperatorStatus> {
    const data = operatorStatusInputSchema.parse(input);
    const inserted = await this.dataSource.query<{ code: string }[]>(
      `INSERT INTO operator_statuses (code, name, receives_chats, builtin, position) VALUES ($1, $2, $3, false, $4)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [data.code, data.name, data.receivesChats, data.position],
    );
    if (inserted.length === 0) throw new AppError(ErrorCode.StatusTaken, `The status "${data.code}" exists already`);
    return this.status(data.code);
  }

  async updateStatus(code: string, input: OperatorStatusUpdate): Promise<OperatorStatus> {
    const data = operatorStatusUpdateSchema.parse(input);
    const current = await this.status(code);
    if (current.builtin && data.receivesChats !== undefined && data.receivesChats !== current.receivesChats) {
      throw new AppError(ErrorCode.ValidationFailed, 'Online always receives chats, away and offline never do; add a status of your own instead');
    }
    await this.dataSource.query(
      `UPDATE operator_statuses SET name = COALESCE($2, name), receives_chats = COALESCE($3, receives_chats), position = COALESCE($4, position) WHERE code = $1`,
      [code, data.name ?? null, data.receivesChats ?? null, data.position ?? null],
    );
    // Operators in this status may now receive chats (or no longer).
    this.events.emit(DispatcherEvents.LimitChanged, {} satisfies LimitChangedEvent);
    return this.status(code);
  }

  async removeStatus(code: string): Promise<void> {
    const current = await this.status(code);
    if (current.builtin) throw new AppError(ErrorCode.StatusInUse, 'Online, away and offline cannot be removed; rename them instead');
    const [used] = await this.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM employees WHERE status = $1 AND deleted_at IS NULL', [code]);
    if ((used?.n ?? 0) > 0) throw new AppError(ErrorCode.StatusInUse, `${used?.n ?? 0} employees are in this status now; remove it when nobody is`);
    await this.dataSource.query('UPDATE employees SET status = $2 WHERE status = $1', [code, BuiltinOperatorStatus.Offline]);
    await this.dataSource.query('DELETE FROM operator_statuses WHERE code = $1', [code]);
  }

  // ---------------------------------------------------------------- presence

  async presence(employeeId: string): Promise<OperatorPresence> {
    const [row] = await this.dataSource.query<PresenceRow[]>(`${PRESENCE_SELECT} WHERE e.id = $1 AND e.deleted_at IS NULL`, [employeeId]);
    if (!row) throw new AppError(ErrorCode.EmployeeNotFound, 'Employee not found');
    return this.toPresence(row, (await this.settings.omni()).defaultChatLimit);
  }

  /** Every operator (employees with the Omni right), for supervisors and the limits screen. */
  async operators(): Promise<OperatorPresence[]> {
    const rows = await this.dataSource.query<PresenceRow[]>(`${PRESENCE_SELECT} WHERE ${OPERATOR} ORDER BY e.name, e.id`);
    const limit = (await this.settings.omni()).defaultChatLimit;
    return rows.map((r) => this.toPresence(r, limit));
  }

  /**
   * DSP-1: changes an employee's status and records it. SET-4: a person (not the auto-offline of DSP-2)
   * cannot go offline while holding live requests in the statuses the settings name; the refusal lists them.
   */
  async setStatus(employeeId: string, code: string, by: StatusChangedEvent['by']): Promise<OperatorPresence> {
    const target = await this.status(code);
    if (code === BuiltinOperatorStatus.Offline && by !== 'auto') {
      const held = await this.heldRequests(employeeId);
      if (held.length > 0) {
        throw new AppError(
          ErrorCode.OfflineForbidden,
          `You still hold ${held.length === 1 ? 'a request' : `${held.length} requests`} that must be finished or handed over first: ${held.map((r) => `#${r.number}`).join(', ')}`,
          { requests: held },
        );
      }
    }
    // The change, its record (STAT-5) and its event (rules, capacity, DSP-6) commit together.
    const changed = await inTransaction(this.dataSource, async (tx) => {
      const [row] = updatedRows<{ from_status: string; name: string }>(
        await tx.m.query(
          `WITH old AS (SELECT id, status FROM employees WHERE id = $1 AND deleted_at IS NULL FOR UPDATE)
           UPDATE employees e SET status = $2, status_since = now() FROM old
            WHERE e.id = old.id AND old.status <> $2
           RETURNING old.status AS from_status, e.name`,
          [employeeId, code],
        ),
      );
      if (!row) return null;
      await tx.m.query('INSERT INTO operator_status_changes (employee_id, from_status, to_status, changed_by) VALUES ($1, $2, $3, $4)', [
        employeeId,
        row.from_status,
        code,
        by,
      ]);
      await this.log.append(tx, [
        {
          type: 'operator.status_changed',
          data: { employeeId, from: row.from_status, to: code, receivesChats: target.receivesChats, by },
          actor: by === 'self' ? { type: 'employee', id: employeeId, name: row.name } : { type: 'system', reason: by === 'auto' ? 'auto-offline' : 'set by an administrator' },
        },
      ]);
      return row;
    });
    const presence = await this.presence(employeeId);
    if (!changed) return presence;
    this.logger.log({ msg: `Status of ${presence.name}: ${changed.from_status} → ${code} (${by})`, employeeId });
    this.events.emit(DispatcherEvents.StatusChanged, { presence, from: changed.from_status, receivesChats: target.receivesChats, by } satisfies StatusChangedEvent);
    return presence;
  }

  /**
   * A supervisor (PERM-5) sets a colleague's status — only of someone who works in one of the supervisor's
   * departments (issue #10 point 4). Anyone else is not found, as a ticket of another department is: the
   * answer says nothing about who exists elsewhere, nor which requests they hold (SET-4's refusal lists them).
   */
  async setColleagueStatus(supervisor: EmployeePrincipal, employeeId: string, code: string): Promise<OperatorPresence> {
    const [shared] = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM department_members WHERE employee_id = $1 AND department_id = ANY($2::uuid[]) LIMIT 1',
      [employeeId, supervisor.departmentIds],
    );
    if (!shared) throw new AppError(ErrorCode.EmployeeNotFound, 'Employee not found');
    return this.setStatus(employeeId, code, 'admin');
  }

  /** SET-4: the employee's live requests in the statuses that forbid going offline. */
  async heldRequests(employeeId: string): Promise<HeldRequest[]> {
    const forbidden = (await this.settings.omni()).forbidOfflineStatuses;
    if (forbidden.length === 0) return [];
    return this.dataSource.query<HeldRequest[]>(
      `SELECT id, number, subject, status FROM tickets WHERE executor_id = $1 AND live AND status = ANY($2::text[]) ORDER BY number`,
      [employeeId, forbidden],
    );
  }

  /** DSP-4: an operator's own limit, set by someone who works in one of their departments (issue #10 point 4). */
  async setChatLimit(setter: EmployeePrincipal, employeeId: string, chatLimit: number | null): Promise<OperatorPresence> {
    const updated = updatedRows(
      await this.dataSource.query(
        `UPDATE employees e SET chat_limit = $2
          WHERE e.id = $1 AND e.deleted_at IS NULL
            AND EXISTS (SELECT 1 FROM department_members dm WHERE dm.employee_id = e.id AND dm.department_id = ANY($3::uuid[]))
         RETURNING e.id`,
        [employeeId, chatLimit, setter.departmentIds],
      ),
    );
    if (updated.length === 0) throw new AppError(ErrorCode.EmployeeNotFound, 'Employee not found');
    const presence = await this.presence(employeeId);
    this.events.emit(DispatcherEvents.LimitChanged, { presence } satisfies LimitChangedEvent);
    return presence;
  }

  // ---------------------------------------------------------------- DSP-2: auto-offline

  @OnEvent(DispatcherEvents.Connected)
  connected({ employeeId }: ConnectionEvent): void {
    const timer = this.offlineTimers.get(employeeId);
    if (timer) clearTimeout(timer);
    this.offlineTimers.delete(employeeId);
  }

  @OnEvent(DispatcherEvents.Disconnected, { promisify: true })
  async disconnected({ employeeId }: ConnectionEvent): Promise<void> {
    if (this.closed) return;
    const grace = (await this.settings.omni()).offlineGraceSeconds;
    const previous = this.offlineTimers.get(employeeId);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(() => {
      this.offlineTimers.delete(employeeId);
      this.offlineIfGone(employeeId).catch((error: unknown) =>
        this.logger.error({ err: loggableError(error), msg: `Auto-offline of ${employeeId} failed` }),
      );
    }, grace * 1000);
    timer.unref();
    this.offlineTimers.set(employeeId, timer);
  }

  /** Offline when no socket of the employee is left on any instance (the Redis adapter counts them all). */
  private async offlineIfGone(employeeId: string): Promise<void> {
    if ((await this.broadcaster.countSockets(rooms.employee(employeeId))) > 0) return;
    const [row] = await this.dataSource.query<{ status: string }[]>('SELECT status FROM employees WHERE id = $1', [employeeId]);
    if (!row || row.status === BuiltinOperatorStatus.Offline) return;
    await this.setStatus(employeeId, BuiltinOperatorStatus.Offline, 'auto');
  }

  private toPresence(row: PresenceRow, defaultLimit: number): OperatorPresence {
    return {
      employeeId: row.id,
      name: row.name,
      status: row.status,
      since: row.status_since.toISOString(),
      activeChats: row.active_chats,
      chatLimit: row.chat_limit,
      effectiveLimit: row.chat_limit ?? defaultLimit,
    };
  }
}
