// What a PostgreSQL text column cannot hold, checked on every input before it reaches the schemas.

/**
 * NUL (PostgreSQL refuses 0x00 in text) and lone surrogates (half of a UTF-16 pair, which has no UTF-8
 * encoding: the driver would silently store U+FFFD instead).
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface UnstorableText {
  /** Where the string is: object keys and array indexes from the root (an object key itself may be the culprit). */
  path: (string | number)[];
  /** The refused character, as `U+XXXX`. */
  character: string;
}

interface Visit {
  value: unknown;
  key: string | number | undefined;
  parent: Visit | undefined;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let v: Visit | undefined = visit; v?.key !== undefined; v = v.parent) path.push(v.key);
  return path.reverse();
}

function unstorable(text: string): string | null {
  const found = UNSTORABLE.exec(text);
  return found ? `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/**
 * The first string (or object key) in a parsed JSON value, query or socket payload that PostgreSQL cannot
 * store, or null. Iterative, so no nesting depth can overflow the stack.
 */
export function findUnstorableText(value: unknown): UnstorableText | null {
  const stack: Visit[] = [{ value, key: undefined, parent: undefined }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    const current = visit.value;
    if (typeof current === 'string') {
      const character = unstorable(current);
      if (character) return { path: pathOf(visit), character };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i] as unknown, key: i, parent: visit });
    } else if (typeof current === 'object' && current !== null) {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i] as [string, unknown];
        const character = unstorable(key);
        if (character) return { path: [...pathOf(visit), key], character };
        stack.push({ value: item, key, parent: visit });
      }
    }
  }
  return null;
}
