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
  type MessageSearchQuery,
  type MessageSearchResult,
  type MessageSearchHit,
  SEARCH_COUNT_CAP,
} from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { SettingsService } from '../settings/settings.service';
import { can, visibleDepartments, type EmployeePrincipal } from '../../common/principal';
import { run, sql, type SQL } from '../../common/sql';
import { prepared, runPrepared, runPreparedSql } from '../../database/prepared';
import { visibleExecutor, visibleTo } from './ticket-visibility';
import { decodeCursor, encodeCursor, listTag } from '../../common/cursor';
import { MESSAGE_SELECT, SUMMARY, clientDisplayName, summaryOfPage, summaryOfPageReadBy, toMessage, toSource, toTicketSummary, type MessageRow, type TicketRow } from './tickets.mappers';

/** CORE-6: the search's filters, each only when given (issue #19: the text through trigram indexes). */
function searchWhere(query: TicketSearchQuery, employee: EmployeePrincipal, text: SQL | null): SQL {
  const filters = [visibleTo(employee)];
  if (query.status) filters.push(sql`t.status = ${sql.value(query.status)}`);
  if (query.departmentId) filters.push(sql`t.department_id = ${sql.value(query.departmentId)}::uuid`);
  if (query.live !== undefined) filters.push(sql`t.live = ${sql.value(query.live === 'true')}`);
  if (text) filters.push(text);
  return sql.join(filters, ' AND ');
}

/** Digits with phone punctuation (or a leading #): a ticket number or part of a phone number. */
const PHONE_LIKE = /^[\d\s()+#.-]+$/;

/** A text that matches more tickets than this is broad: tested row by row, newest first, and not counted. */
const NARROW_MATCHES = 2000;

/**
 * The tickets whose number is the text, or whose subject or client's name or email holds it, literally
 * (no wildcards), in any case; a text of digits (and phone punctuation) is a ticket number or part of a
 * phone number, whatever its formatting. Three characters or more go through the trigram indexes
 * (pg_trgm); a shorter text matches the number, or the start of a name or email (a prefix). Each branch
 * is an index lookup of its own and the result a set of ticket ids, so no search reads a whole table.
 */
function matchingTickets(q: string): { tickets: SQL; branches: SQL[] } | null {
  let branches: SQL[];
  if (PHONE_LIKE.test(q)) {
    const digits = q.replace(/\D/g, '');
    branches = [
      ...(digits.length > 0 && digits.length <= 9 ? [sql`SELECT id FROM tickets WHERE number = ${sql.value(Number(digits))}`] : []),
      ...(digits.length >= 3
        ? [sql`SELECT s.id FROM clients c JOIN tickets s ON s.client_id = c.id WHERE regexp_replace(c.phone, '[^0-9]', '', 'g') LIKE ${sql.value(`%${digits}%`)}`]
        : []),
    ];
  } else if (!hasTrigram(q)) {
    const prefix = sql.value(`${escapeLike(q.toLowerCase())}%`);
    branches = [sql`SELECT s.id FROM clients c JOIN tickets s ON s.client_id = c.id WHERE lower(c.name) LIKE ${prefix} OR lower(c.email) LIKE ${prefix}`];
  } else {
    const text = sql.value(`%${escapeLike(q)}%`);
    branches = [
      sql`SELECT s.id FROM tickets s WHERE s.subject ILIKE ${text}`,
      sql`SELECT s.id FROM clients c JOIN tickets s ON s.client_id = c.id WHERE c.name ILIKE ${text} OR c.email ILIKE ${text}`,
    ];
  }
  return branches.length ? { tickets: sql.join(branches, ' UNION ALL '), branches } : null;
}

/**
 * A broad text, tested on each ticket read newest first (an expression no index serves, so the planner
 * walks tickets_number_key backwards and stops when the page is full; broad texts match densely).
 */
function rowMatches(q: string): SQL {
  if (PHONE_LIKE.test(q)) {
    const digits = q.replace(/\D/g, '');
    return sql`(SELECT regexp_replace(coalesce(c.phone, ''), '[^0-9]', '', 'g') FROM clients c WHERE c.id = t.client_id) LIKE ${sql.value(`%${digits}%`)}`;
  }
  const prefix = !hasTrigram(q);
  const text = sql.value(prefix ? `${escapeLike(q.toLowerCase())}%` : `%${escapeLike(q.toLowerCase())}%`);
  const haystack = prefix
    ? sql`lower(c.name) LIKE ${text} OR lower(c.email) LIKE ${text}`
    : sql`lower(t.subject || ' ' || coalesce(c.name, '') || ' ' || coalesce(c.email, '')) LIKE ${text}`;
  // A correlated scalar subquery: evaluated for each ticket read, never turned into a hash of all clients.
  return sql`coalesce((SELECT ${haystack} FROM clients c WHERE c.id = t.client_id), false)`;
}

/**
 * Whether pg_trgm can look the text up: it needs a run of three letters or digits (it splits words at
 * anything else). Without one, a trigram index would be read whole; such texts match names and emails
 * that start with them instead.
 */
function hasTrigram(q: string): boolean {
  return /[\p{L}\p{N}]{3}/u.test(q);
}

/** Every list page reads the employee's read marks of its tickets. */
const READ_SEQS = prepared('read-seqs', 'SELECT ticket_id, last_read_seq FROM ticket_reads WHERE employee_id = $1 AND ticket_id = ANY($2::uuid[])');

/** The live lists' pages: the view's order, newest-first ones by their latest change. */
const LIVE_ORDER = {
  unassigned: { column: sql`t.created_at`, descending: false },
  mine: { column: sql`t.updated_at`, descending: true },
  channel: { column: sql`t.updated_at`, descending: true },
} as const;

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
    switch (query.view) {
      case 'unassigned':
        where = sql`t.live AND t.executor_id IS NULL AND t.department_id = ANY(${sql.value(visibleDepartments(employee))}::uuid[])`;
        break;
      case 'mine':
        where = sql`t.live AND (t.executor_id = ${sql.value(me)}::uuid OR EXISTS (SELECT 1 FROM ticket_participants tp WHERE tp.ticket_id = t.id AND tp.employee_id = ${sql.value(me)}::uuid))`;
        break;
      case 'channel':
        where = sql`t.live AND ch.type = ${sql.value(query.channel ?? null)} AND ${visibleTo(employee)}`;
        break;
    }
    const { column, descending } = LIVE_ORDER[query.view];
    const dir = descending ? sql`DESC` : sql`ASC`;
    const tag = `live:${query.view}:${query.channel ?? ''}`;
    let after: SQL = sql`true`;
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, tag, ['timestamp', 'uuid']);
      after = sql`(${column}, t.id) ${descending ? sql`<` : sql`>`} (${sql.value(at)}::timestamptz, ${sql.value(id)}::uuid)`;
    }
    // The live set only (partial indexes on `live`): its size follows the current load, never the history.
    const page = sql`SELECT t.*, ${column}::text AS sort_key FROM tickets t JOIN channels ch ON ch.id = t.channel_id
                      WHERE ${where} AND ${displayed} AND ${after} ORDER BY ${column} ${dir}, t.id ${dir} LIMIT ${sql.value(query.limit + 1)}`;
    const rows = await runPreparedSql<TicketRow & { sort_key: string; read_seq: number | null }>(
      this.dataSource,
      summaryOfPageReadBy(page, sql`${column} ${dir}, t.id ${dir}`, employee.id),
    );
    const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
    const shownRows = rows.slice(0, query.limit);
    const readSeqs: Record<string, number> = {};
    for (const r of shownRows) if (r.read_seq !== null) readSeqs[r.id] = r.read_seq;
    return {
      items: shownRows.map(toTicketSummary),
      readSeqs,
      nextCursor: last ? encodeCursor(tag, [last.sort_key, last.id]) : null,
    };
  }

  /**
   * CORE-6: every ticket the employee may see, live or not, filtered; newest first by number (an index
   * that a message does not touch, so the hot path's updates stay HOT), keyset-paged, counted up to
   * SEARCH_COUNT_CAP (the count reads at most that many rows, however long the history).
   */
  async search(query: TicketSearchQuery, employee: EmployeePrincipal): Promise<TicketSearchResult> {
    // Narrow texts (most: a name, a number) become the set of matching tickets, read through the indexes
    // and counted; broad ones (more than NARROW_MATCHES tickets) are tested row by row and not counted.
    let text: SQL | null = null;
    let broad = false;
    if (query.q) {
      const matching = matchingTickets(query.q);
      // Each branch counted up to the limit on its own (a LIMIT over a UNION would build the whole union first).
      const counts = matching?.branches.map((b) => sql`(SELECT count(*) FROM (${b} LIMIT ${sql.literal(NARROW_MATCHES + 1)}) x)`) ?? [];
      const [probe] = counts.length ? await run<{ n: number }[]>(this.dataSource, sql`SELECT (${sql.join(counts, ' + ')})::int AS n`) : [{ n: 0 }];
      broad = (probe?.n ?? 0) > NARROW_MATCHES;
      text = broad ? rowMatches(query.q) : matching ? sql`t.id IN (${matching.tickets})` : sql`false`;
    }
    const where = searchWhere(query, employee, text);
    const tag = listTag('tickets', { status: query.status, departmentId: query.departmentId, q: query.q, live: query.live });
    const after = query.cursor ? sql`t.number < ${sql.value(decodeCursor(query.cursor, tag, ['int'])[0])}` : sql`true`;
    const page = sql`SELECT t.*, t.number AS sort_key FROM tickets t WHERE ${where} AND ${after} ORDER BY t.number DESC LIMIT ${sql.value(query.pageSize + 1)}`;
    const [rows, [count]] = await Promise.all([
      run<(TicketRow & { sort_key: number })[]>(this.dataSource, summaryOfPage(page, sql`t.number DESC`)),
      broad
        ? [{ n: SEARCH_COUNT_CAP + 1 }]
        : run<{ n: number }[]>(this.dataSource, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM tickets t WHERE ${where} LIMIT ${sql.literal(SEARCH_COUNT_CAP + 1)}) x`),
    ]);
    const n = count?.n ?? 0;
    const last = rows.length > query.pageSize ? rows[query.pageSize - 1] : undefined;
    return {
      items: rows.slice(0, query.pageSize).map(toTicketSummary),
      total: Math.min(n, SEARCH_COUNT_CAP),
      totalExact: n <= SEARCH_COUNT_CAP,
      nextCursor: last ? encodeCursor(tag, [last.sort_key]) : null,
    };
  }

  /**
   * Issue #19: the messages and comments of every visible ticket whose words match, newest first. The
   * words are stemmed with PostgreSQL's `russian` configuration (English words through its English
   * stemmer), matched by a GIN index; the snippet with the matches marked is made for the page's rows only.
   */
  async searchMessages(query: MessageSearchQuery, employee: EmployeePrincipal): Promise<MessageSearchResult> {
    const tag = listTag('messages', { q: query.q });
    let after: SQL = sql`true`;
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, tag, ['timestamp', 'uuid']);
      after = sql`(m.created_at, m.id) < (${sql.value(at)}::timestamptz, ${sql.value(id)}::uuid)`;
    }
    const words = sql`websearch_to_tsquery('russian', ${sql.value(query.q)})`;
    const page = (matched: SQL, filter: SQL): SQL => sql`
      SELECT m.id, m.ticket_id, m.created_at, m.created_at::text AS sort_key
        FROM ${matched} JOIN tickets t ON t.id = m.ticket_id
       WHERE ${filter} AND ${visibleTo(employee)} AND ${after}
       ORDER BY m.created_at DESC, m.id DESC
       LIMIT ${sql.value(query.pageSize + 1)}`;
    // Rare words (most searches: an order number, a name): every match from the GIN index, at most
    // RARE_MATCHES of them, sorted. Common words: messages newest first, each tested with the stored
    // words (the function form keeps the planner off the index), until a page is full; common words
    // are dense, so that is a short walk. Either way the work is bounded, whatever the planner estimates.
    const [probe] = await run<{ matched: number }[]>(
      this.dataSource,
      sql`SELECT count(*)::int AS matched FROM (SELECT 1 FROM messages m WHERE m.search_vector @@ ${words} LIMIT ${sql.literal(RARE_MATCHES + 1)}) x`,
    );
    const common = (probe?.matched ?? 0) > RARE_MATCHES;
    const matched = common
      ? sql`messages m`
      : sql`(SELECT m.id, m.ticket_id, m.created_at FROM messages m WHERE m.search_vector @@ ${words} LIMIT ${sql.literal(RARE_MATCHES)}) m`;
    const filter = common ? sql`ts_match_vq(m.search_vector, ${words})` : sql`true`;
    const rows = await run<MessageHitRow[]>(
      this.dataSource,
      sql`WITH hits AS MATERIALIZED (${page(matched, filter)}), words AS (SELECT ${words} AS q)
          SELECT h.id, h.ticket_id, m.seq, m.kind, h.created_at, h.sort_key,
                 -- A short text is shown whole, marked; a long one as fragments around the matches.
                 CASE WHEN length(m.body) <= ${sql.literal(WHOLE_SNIPPET_CHARS)} THEN ts_headline('russian', m.body, words.q, ${sql.value(`${HEADLINE_MARKS}, HighlightAll=true`)})
                      ELSE ts_headline('russian', m.body, words.q, ${sql.value(HEADLINE_OPTIONS)}) END AS snippet,
                 t.number, t.subject, t.status, t.live, ch.id AS channel_id, ch.type AS channel_type, ch.name AS channel_name,
                 t.client_id, cl.name AS client_name, cl.email AS client_email
            FROM hits h CROSS JOIN words JOIN messages m ON m.id = h.id JOIN tickets t ON t.id = h.ticket_id
            JOIN channels ch ON ch.id = t.channel_id JOIN clients cl ON cl.id = t.client_id
           ORDER BY h.created_at DESC, h.id DESC`,
    );
    const last = rows.length > query.pageSize ? rows[query.pageSize - 1] : undefined;
    return {
      items: rows.slice(0, query.pageSize).map(toMessageHit),
      nextCursor: last ? encodeCursor(tag, [last.sort_key, last.id]) : null,
    };
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
    const identities = await this.dataSource.query<
      { type: TicketDetail['channel']['type']; channel_id: string; external_id: string; profile: Record<string, unknown>; avatar_attachment_id: string | null }[]
    >(
      `SELECT ch.type, i.channel_id, i.external_id, i.profile, i.avatar_attachment_id FROM client_identities i JOIN channels ch ON ch.id = i.channel_id
        WHERE i.client_id = $1 ORDER BY i.created_at`,
      [row.client_id],
    );
    const readSeqs = await this.readSeqs(employee.id, [ticketId]);
    const summary = toTicketSummary(row);
    const avatarId = avatarOf(identities, summary.channel.id);
    return {
      ...summary,
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
          username: typeof i.profile.username === 'string' ? i.profile.username : null,
          unreachableSince: typeof i.profile.unreachable === 'string' ? i.profile.unreachable : null,
        })),
        // Versioned by the file, so a browser's cached picture is replaced when it changes.
        avatarUrl: avatarId ? `/api/tickets/${ticketId}/client-avatar?v=${avatarId}` : null,
      },
      readSeq: readSeqs[ticketId] ?? 0,
    };
  }

  /** The file of the ticket's client's picture (tickets.clientAvatar), for someone who may see the ticket. */
  async clientAvatarId(ticketId: string): Promise<string | null> {
    const identities = await this.dataSource.query<{ channel_id: string; avatar_attachment_id: string | null; ticket_channel_id: string }[]>(
      `SELECT i.channel_id, i.avatar_attachment_id, t.channel_id AS ticket_channel_id FROM tickets t JOIN client_identities i ON i.client_id = t.client_id
        WHERE t.id = $1 AND i.avatar_attachment_id IS NOT NULL ORDER BY i.created_at`,
      [ticketId],
    );
    return avatarOf(identities, identities[0]?.ticket_channel_id ?? '');
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
  async typingTarget(ticketId: string, employee: EmployeePrincipal): Promise<{ clientId: string; channelId: string; channelType: string } | null> {
    const [row] = await run<{ client_id: string; channel_id: string; type: string }[]>(
      this.dataSource,
      sql`SELECT t.client_id, t.channel_id, ch.type FROM tickets t JOIN channels ch ON ch.id = t.channel_id WHERE t.id = ${sql.value(ticketId)}::uuid AND t.live AND ${visibleTo(employee)}`,
    );
    return row ? { clientId: row.client_id, channelId: row.channel_id, channelType: row.type } : null;
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
    const rows = await runPrepared<{ ticket_id: string; last_read_seq: number }>(this.dataSource, READ_SEQS, [employeeId, ticketIds]);
    return Object.fromEntries(rows.map((r) => [r.ticket_id, r.last_read_seq]));
  }
}

/** A search text is matched literally: % and _ are not wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A search whose words match more messages than this walks messages newest first instead of sorting all matches. */
const RARE_MATCHES = 5000;

/** ts_headline marks each match between these two (control characters a stored text never holds). */
const MARK_START = '\u0002';
const MARK_END = '\u0003';
const HEADLINE_MARKS = `StartSel=${MARK_START}, StopSel=${MARK_END}`;
const HEADLINE_OPTIONS = `${HEADLINE_MARKS}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
/** Texts up to this long are the snippet themselves. */
const WHOLE_SNIPPET_CHARS = 300;

interface MessageHitRow {
  id: string;
  ticket_id: string;
  seq: number;
  kind: MessageSearchHit['message']['kind'];
  created_at: Date;
  sort_key: string;
  snippet: string;
  number: number;
  subject: string;
  status: string;
  live: boolean;
  channel_id: string;
  channel_type: MessageSearchHit['ticket']['channel']['type'];
  channel_name: string;
  client_id: string;
  client_name: string | null;
  client_email: string | null;
}

/** The snippet as plain text and the [start, end) ranges of its marked words. */
export function splitHighlights(marked: string): { snippet: string; highlights: [number, number][] } {
  let snippet = '';
  const highlights: [number, number][] = [];
  let start = -1;
  for (const ch of marked) {
    if (ch === MARK_START) start = snippet.length;
    else if (ch === MARK_END) {
      if (start >= 0 && snippet.length > start) highlights.push([start, snippet.length]);
      start = -1;
    } else snippet += ch;
  }
  return { snippet, highlights };
}

function toMessageHit(row: MessageHitRow): MessageSearchHit {
  return {
    ticket: {
      id: row.ticket_id,
      number: row.number,
      subject: row.subject,
      status: row.status,
      live: row.live,
      channel: { id: row.channel_id, type: row.channel_type, name: row.channel_name },
      client: { id: row.client_id, name: clientDisplayName(row.client_name, row.client_email) },
    },
    message: { id: row.id, seq: row.seq, kind: row.kind, createdAt: row.created_at.toISOString(), ...splitHighlights(row.snippet) },
  };
}

/** The client's picture: the one of the ticket's channel, else the newest any of their channels gave. */
function avatarOf(identities: { channel_id: string; avatar_attachment_id: string | null }[], channelId: string): string | null {
  const withAvatar = identities.filter((i) => i.avatar_attachment_id !== null);
  return (withAvatar.find((i) => i.channel_id === channelId) ?? withAvatar.at(-1))?.avatar_attachment_id ?? null;
}
