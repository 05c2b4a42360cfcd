import type { z } from 'zod';

/**
 * The hostile-input corpus (issue #10): what an attacker, a broken client or a fuzzer sends. Values for
 * JSON fields and socket payloads, strings for path segments and query strings, raw bodies.
 */

const deep = (levels: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

/** Values of every JSON type, wrong for most fields and right-typed but hostile for the rest. */
export const HOSTILE_VALUES: readonly unknown[] = [
  '',
  ' ',
  'a'.repeat(70_000),
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  "' OR '1'='1",
  "'; DROP TABLE tickets; --",
  '$' + '{7*7}{{7*7}}<%= 7*7 %>',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%00%2e%2e%2f',
  'invoice\u202Etxt.exe',
  '\u{1F600}'.repeat(2000),
  'NaN',
  '-1',
  '1e309',
  'true',
  'null',
  '2026-13-45T25:61:61Z',
  '00000000-0000-0000-0000-000000000000',
  -1,
  0,
  1.5,
  -1e308,
  1e308,
  2 ** 53 + 1,
  true,
  false,
  null,
  [],
  [null],
  ['\u0000'],
  Array.from({ length: 5000 }, (_, i) => i),
  {},
  { $gt: '' },
  JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
  { constructor: { prototype: { polluted: 'yes' } } },
  deep(64),
];

/** Strings for a path parameter, already encoded for the URL. */
export const HOSTILE_PATH_SEGMENTS: readonly string[] = [
  '..',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%00',
  'a%00b',
  '%ED%A0%80', // a lone surrogate as UTF-8 bytes (invalid UTF-8)
  '%FF%FE',
  "'%20OR%201=1--",
  '-1',
  '0',
  '99999999999999999999999999',
  'a'.repeat(3000),
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '%F0%9F%98%80',
  '__proto__',
  'constructor',
  '%3Cscript%3E',
  '%E2%80%AEexe.txt',
];

/** Strings for a query parameter (encoded by URLSearchParams). */
export const HOSTILE_QUERY_VALUES: readonly string[] = [
  '',
  'a'.repeat(5000),
  '\u0000',
  'a\u0000b',
  "' OR 1=1 --",
  '%',
  '_',
  '\\',
  '-1',
  '0',
  '1e309',
  '99999999999999999999',
  'NaN',
  'true',
  '[object Object]',
  '../../etc/passwd',
  '<script>',
  '\u202E',
];

/** Raw bodies sent as application/json (or as the type given). */
export const HOSTILE_RAW_BODIES: readonly { body: string | Uint8Array; type?: string }[] = [
  { body: '{' },
  { body: '{"a":' },
  { body: '}' },
  { body: '[]' },
  { body: '"text"' },
  { body: '1' },
  { body: 'null' },
  { body: 'true' },
  { body: '{"a":1}{"b":2}' },
  { body: '{"a":1,}' },
  { body: "{'a':1}" },
  { body: '\u0000' },
  { body: '{"body":"\\u0000"}' },
  { body: '{"body":"\\ud800"}' },
  { body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }, // {"a":"<invalid UTF-8>"}
  { body: '\ufeff{}' },
  { body: '['.repeat(5000) + ']'.repeat(5000) },
  { body: '{"a":1}', type: 'text/plain' },
  { body: 'a=1&b=2', type: 'application/x-www-form-urlencoded' },
  { body: '{"a":1}', type: 'application/json; charset=utf-16' },
  { body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', type: 'application/xml' },
  { body: '', type: 'application/json' },
];

interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  schema?: z.ZodType;
}

/** The field names of an object schema, through the wrappers routes use (default, pipe, refine). */
export function fieldsOf(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const def = schema._zod.def as unknown as SchemaDef;
  if (def.type === 'object' && def.shape) return Object.keys(def.shape);
  const inner = def.innerType ?? def.in ?? def.schema;
  return inner ? fieldsOf(inner) : [];
}

/**
 * What an answer must never show: stack traces, source paths, the database's or the ORM's words, SQL.
 * (Error messages are ours, written for people.)
 */
export const LEAK_PATTERNS: readonly RegExp[] = [
  /\bat [\w.<>]+ \(/,
  /node_modules/,
  /\.(ts|js):\d+/,
  /QueryFailedError|TypeORMError|EntityNotFound|ZodError/,
  /syntax error at or near|invalid input syntax|violates (not-null|foreign key|unique|check)|duplicate key value|relation "|unterminated|invalid byte sequence/i,
  /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b .*\b(FROM|SET|VALUES|WHERE)\b/,
  /"stack"\s*:/,
  /\/(root|home|work|usr|var)\//,
];
