import {
  ErrorCode,
  Permission,
  type MessagePage,
  type MessagePageQuery,
  type PreviousRequest,
  type TicketDetail,
  type TicketList,
  type TicketListQuery,
  type TicketSearchQuery,
  type TicketSearchResult,
} from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { SettingsService } from '../settings/settings.service';
import { can, visibleDepartments, type EmployeePrincipal } from '../../common/principal';
import { run, sql, type SQL } from '../../common/sql';
import { visibleExecutor, visibleTo } from './ticket-visibility';
import { MESSAGE_SELECT, SUMMARY, toMessage, toSource, toTicketSummary, type MessageRow, type TicketRow } from './tickets.mappers';

const LIST_LIMIT = 500;

/** CORE-6: the search's filters, each only when given; the text matches literally. */
function searchWhere(query: TicketSearchQuery, employee: EmployeePrincipal): SQL {
  const filters = [visibleTo(employee)];
  if (query.status) filters.push(sql`t.status = ${sql.value(query.status)}`);
  if (query.departmentId) filters.push(sql`t.department_id = ${sql.value(query.departmentId)}::uuid`);
  if (query.live !== undefined) filters.push(sql`t.live = ${sql.value(query.live === 'true')}`);
  if (query.q) {
    const text = sql.value(escapeLike(query.q));
    filters.push(sql`(t.subject ILIKE '%' || ${text} || '%' OR cl.name ILIKE '%' || ${text} || '%' OR cl.email ILIKE '%' || ${text} || '%' OR t.number::text = ${text})`);
  }
  return sql.join(filters, ' AND ');
}

/** SET-3: the live lists show the displayed channels in the displayed statuses. */
function shown(channels: string[], statuses: string[]): SQL {
  return sql`ch.type = ANY(${sql.value(channels)}::text[]) AND t.status = ANY(${sql.value(statuses)}::text[])`;
}

/** Which history a reader wants: the live chat's, or the ticket's (merged replies, SET-1). */
export type HistoryView = 'chat' | 'ticket';

/** What employees read: the live lists, a ticket, its history, the plain ticket list (CORE-6). */
@Injectable()
export class TicketQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
  ) {}

  /** NAV-2 Unassigned (PERM-2), NAV-3 the employee's own and invited chats, NAV-4 one channel's live chats. */
  async list(query: TicketListQuery, employee: EmployeePrincipal): Promise<TicketList> {
    if (query.view === 'unassigned' && !can(employee, Permission.OmniUnassigned)) {
      throw new AppError(ErrorCode.Forbidden, 'You do not have access to the Unassigned queue');
    }
    const me = visibleExecutor(employee);
    // SET-3: the module shows requests of the displayed channels, in the displayed statuses.
    const { displayedChannels, displayedStatuses } = await this.settings.omni();
    const displayed = shown(displayedChannels, displayedStatuses);
    let where: SQL;
    let order: SQL;
    switch (query.view) {
      case 'unassigned':
        where = sql`t.live AND t.executor_id IS NULL AND t.department_id = ANY(${sql.value(visibleDepartments(employee))}::uuid[])`;
        order = sql`t.created_at ASC`;
        break;
      case 'mine':
        where = sql`t.live AND (t.executor_id = ${sql.value(me)}::uuid OR EXISTS (SELECT 1 FROM ticket_participants tp WHERE tp.ticket_id = t.id AND tp.employee_id = ${sql.value(me)}::uuid))`;
        order = sql`t.updated_at DESC`;
        break;
      case 'channel':
        where = sql`t.live AND ch.type = ${sql.value(query.channel ?? null)} AND ${visibleTo(employee)}`;
        order = sql`t.updated_at DESC`;
        break;
    }
    const rows = await run<TicketRow[]>(this.dataSource, sql`${SUMMARY} WHERE ${where} AND ${displayed} ORDER BY ${order} LIMIT ${sql.literal(LIST_LIMIT)}`);
    const items = rows.map(toTicketSummary);
    return { items, readSeqs: await this.readSeqs(employee.id, items.map((i) => i.id)) };
  }

  /** CORE-6: every ticket the employee may see, live or not, filtered and paged. */
  async search(query: TicketSearchQuery, employee: EmployeePrincipal): Promise<TicketSearchResult> {
    const where = searchWhere(query, employee);
    const rows = await run<TicketRow[]>(
      this.dataSource,
      sql`${SUMMARY} WHERE ${where} ORDER BY t.updated_at DESC LIMIT ${sql.value(query.pageSize)} OFFSET ${sql.value((query.page - 1) * query.pageSize)}`,
    );
    const [count] = await run<{ n: number }[]>(this.dataSource, sql`SELECT count(*)::int AS n FROM tickets t JOIN clients cl ON cl.id = t.client_id WHERE ${where}`);
    return { items: rows.map(toTicketSummary), total: count?.n ?? 0 };
  }

  async detail(ticketId: string, employee: EmployeePrincipal): Promise<TicketDetail> {
    // WORK-4's total counts only the client's requests the reader may see (PERM-6, issue #10 point 5).
    const [row] = await run<(TicketRow & { client_phone: string | null; client_custom: TicketDetail['custom']; total_requests: number })[]>(
      this.dataSource,
      sql`SELECT x.*, cl.phone AS client_phone, cl.custom AS client_custom,
                 (SELECT count(*)::int FROM tickets t WHERE t.client_id = x.client_id AND ${visibleTo(employee)}) AS total_requests
            FROM (${SUMMARY} WHERE t.id = ${sql.value(ticketId)}::uuid AND ${visibleTo(employee)}) x
            JOIN clients cl ON cl.id = x.client_id`,
    );
    if (!row) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
    const identities = await this.dataSource.query<{ type: TicketDetail['channel']['type']; external_id: string; profile: Record<string, unknown> }[]>(
      `SELECT ch.type, i.external_id, i.profile FROM client_identities i JOIN channels ch ON ch.id = i.channel_id WHERE i.client_id = $1 ORDER BY i.created_at`,
      [row.client_id],
    );
    const readSeqs = await this.readSeqs(employee.id, [ticketId]);
    return {
      ...toTicketSummary(row),
      source: toSource(row.source),
      custom: row.custom,
      clientDetails: {
        phone: row.client_phone,
        totalRequests: row.total_requests,
        custom: row.client_custom,
        links: identities.map((i) => ({
          channel: i.type,
          label: typeof i.profile.name === 'string' ? i.profile.name : i.type === 'widget' ? 'Website chat' : i.external_id,
          url: typeof i.profile.url === 'string' && /^https:\/\//.test(i.profile.url) ? i.profile.url : null,
        })),
      },
      readSeq: readSeqs[ticketId] ?? 0,
    };
  }

  /** Whether an employee may see a ticket (PERM-6; also grants its socket room). */
  async canSee(ticketId: string, employee: EmployeePrincipal): Promise<{ lastSeq: number; executorId: string | null; live: boolean } | null> {
    const [row] = await run<{ last_seq: number; executor_id: string | null; live: boolean }[]>(
      this.dataSource,
      sql`SELECT t.last_seq, t.executor_id, t.live FROM tickets t WHERE t.id = ${sql.value(ticketId)}::uuid AND ${visibleTo(employee)}`,
    );
    return row ? { lastSeq: row.last_seq, executorId: row.executor_id, live: row.live } : null;
  }

  /** Where an employee's typing goes (WORK-8): the ticket's client, if the employee may see the ticket. */
  async typingTarget(ticketId: string, employee: EmployeePrincipal): Promise<{ clientId: string; channelType: string } | null> {
    const [row] = await run<{ client_id: string; type: string }[]>(
      this.dataSource,
      sql`SELECT t.client_id, ch.type FROM tickets t JOIN channels ch ON ch.id = t.channel_id WHERE t.id = ${sql.value(ticketId)}::uuid AND t.live AND ${visibleTo(employee)}`,
    );
    return row ? { clientId: row.client_id, channelType: row.type } : null;
  }

  /** WORK-12: pages of history, newest first by default; `afterSeq` resumes after a reconnect. */
  async messages(ticketId: string, query: MessagePageQuery, employee: EmployeePrincipal, view: HistoryView = 'chat'): Promise<MessagePage> {
    if (!(await this.canSee(ticketId, employee))) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
    const hidden = view === 'chat' ? 'ticket' : 'chat';
    const limit = query.limit + 1;
    if (query.afterSeq !== undefined) {
      const rows = await this.dataSource.query<MessageRow[]>(
        `${MESSAGE_SELECT} WHERE m.ticket_id = $1 AND m.seq > $2 AND m.visibility <> $4 ORDER BY m.seq ASC LIMIT $3`,
        [ticketId, query.afterSeq, limit, hidden],
      );
      return { items: rows.slice(0, query.limit).map(toMessage), hasMore: rows.length > query.limit };
    }
    const rows = await this.dataSource.query<MessageRow[]>(
      `${MESSAGE_SELECT} WHERE m.ticket_id = $1 AND m.seq < $2 AND m.visibility <> $4 ORDER BY m.seq DESC LIMIT $3`,
      [ticketId, query.beforeSeq ?? 2_147_483_647, limit, hidden],
    );
    return { items: rows.slice(0, query.limit).reverse().map(toMessage), hasMore: rows.length > query.limit };
  }

  /** WORK-5: the client's other requests the employee may see, newest first. */
  async previous(ticketId: string, employee: EmployeePrincipal): Promise<PreviousRequest[]> {
    if (!(await this.canSee(ticketId, employee))) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
    const rows = await run<
      { id: string; number: number; subject: string; status: string; live: boolean; created_at: Date; executor_id: string | null; executor_name: string | null; channel_type: PreviousRequest['channel'] }[]
    >(
      this.dataSource,
      sql`SELECT t.id, t.number, t.subject, t.status, t.live, t.created_at, t.executor_id, e.name AS executor_name, ch.type AS channel_type
            FROM tickets t
            JOIN channels ch ON ch.id = t.channel_id
            LEFT JOIN employees e ON e.id = t.executor_id
           WHERE t.client_id = (SELECT client_id FROM tickets WHERE id = ${sql.value(ticketId)}::uuid) AND t.id <> ${sql.value(ticketId)}::uuid AND ${visibleTo(employee)}
           ORDER BY t.created_at DESC LIMIT 50`,
    );
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      subject: r.subject,
      status: r.status,
      live: r.live,
      createdAt: r.created_at.toISOString(),
      executor: r.executor_id ? { id: r.executor_id, name: r.executor_name ?? '' } : null,
      channel: r.channel_type,
    }));
  }

  async readSeqs(employeeId: string, ticketIds: string[]): Promise<Record<string, number>> {
    if (ticketIds.length === 0) return {};
    const rows = await this.dataSource.query<{ ticket_id: string; last_read_seq: number }[]>(
      'SELECT ticket_id, last_read_seq FROM ticket_reads WHERE employee_id = $1 AND ticket_id = ANY($2::uuid[])',
      [employeeId, ticketIds],
    );
    return Object.fromEntries(rows.map((r) => [r.ticket_id, r.last_read_seq]));
  }
}

/** A search text is matched literally: % and _ are not wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
