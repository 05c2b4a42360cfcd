import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** SQL that writes the tickets table; the lint rule in eslint.config.mjs uses the same pattern. */
const TICKET_WRITE = /\b(UPDATE|INSERT\s+INTO|DELETE\s+FROM|TRUNCATE)\s+"?tickets\b/i;

const src = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sources(path);
    return /\.ts$/.test(entry.name) && !/\.(int-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('tickets are written only by the ticket commands (issue #9)', () => {
  it('recognises the statements that write tickets, and only those', () => {
    for (const sql of ['UPDATE tickets SET status = $2', 'update "tickets" set x = 1', 'INSERT INTO tickets (subject)', 'DELETE FROM\n  tickets WHERE id = $1', 'TRUNCATE tickets']) {
      expect(sql).toMatch(TICKET_WRITE);
    }
    for (const sql of ['UPDATE ticket_reads SET last_read_seq = 1', 'SELECT * FROM tickets FOR UPDATE', 'INSERT INTO ticket_participants']) {
      expect(sql).not.toMatch(TICKET_WRITE);
    }
  });

  it('no source file outside apps/api/src/modules/tickets/commands holds such a statement', () => {
    const files = sources(src);
    expect(files.length).toBeGreaterThan(50);
    const writers = files.filter((file) => TICKET_WRITE.test(readFileSync(file, 'utf8'))).map((file) => relative(src, file));
    expect(writers.length).toBeGreaterThan(0);
    expect(writers.filter((file) => !file.startsWith(join('modules', 'tickets', 'commands')))).toEqual([]);
  });
});
