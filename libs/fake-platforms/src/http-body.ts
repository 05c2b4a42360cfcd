/** One file part of a multipart body (or bytes a fake fetched on the client's behalf). */
export interface UploadedFile {
  field: string;
  fileName: string | null;
  contentType: string | null;
  bytes: Buffer;
}

export interface ParsedBody {
  params: Record<string, unknown>;
  files: UploadedFile[];
}

interface Part {
  headers: Record<string, string>;
  content: Buffer;
}

/** `type/subtype` in lower case and its parameters (`boundary`, `charset`), quotes removed. */
export function parseContentType(header: string | undefined): { type: string; params: Record<string, string> } {
  const [type = '', ...rest] = splitHeaderParams(header ?? '');
  return { type: type.trim().toLowerCase(), params: headerParams(rest) };
}

/**
 * The fields of a request body as the platforms read them: a JSON object, urlencoded pairs, or multipart
 * text fields; multipart parts that carry a file name or a non-text type are files. A body that does not
 * parse gives no fields (each platform then answers with its own "missing parameter" error).
 */
export function parseBody(contentTypeHeader: string | undefined, body: Buffer): ParsedBody {
  const { type, params } = parseContentType(contentTypeHeader);
  if (body.length === 0) return { params: {}, files: [] };
  if (type === 'application/json' || type.endsWith('+json')) {
    const value = parseJson(body.toString('utf8'));
    return { params: isRecord(value) ? value : {}, files: [] };
  }
  if (type === 'application/x-www-form-urlencoded') {
    return { params: Object.fromEntries(new URLSearchParams(body.toString('utf8'))), files: [] };
  }
  if (type === 'multipart/form-data' && params['boundary']) {
    const parts = parseMultipart(body, params['boundary']);
    if (!parts) return { params: {}, files: [] };
    const fields: Record<string, unknown> = {};
    const files: UploadedFile[] = [];
    for (const part of parts) {
      const disposition = parseContentType(part.headers['content-disposition']);
      const field = disposition.params['name'];
      if (disposition.type !== 'form-data' || field === undefined) continue;
      const fileName = decodeFileName(disposition.params);
      const contentType = part.headers['content-type'] ?? null;
      if (fileName !== null || (contentType !== null && !contentType.toLowerCase().startsWith('text/plain'))) {
        files.push({ field, fileName, contentType, bytes: part.content });
      } else {
        fields[field] = part.content.toString('utf8');
      }
    }
    return { params: fields, files };
  }
  return { params: {}, files: [] };
}

/**
 * RFC 7578 multipart: parts are separated by `--boundary` lines; the CRLF before a delimiter belongs to it,
 * not to the part. Bare LF line ends are accepted too. Returns null for a body without a closing delimiter.
 */
export function parseMultipart(body: Buffer, boundary: string): Part[] | null {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  let position = body.indexOf(delimiter);
  if (position < 0) return null;
  const parts: Part[] = [];
  for (;;) {
    position += delimiter.length;
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts; // `--boundary--`: the end
    const lineEnd = body.indexOf(0x0a, position); // skips transport padding and the CRLF after the delimiter
    if (lineEnd < 0) return null;
    const headersStart = lineEnd + 1;
    const { headers, contentStart } = readPartHeaders(body, headersStart);
    if (contentStart < 0) return null;
    const next = findDelimiter(body, delimiter, contentStart);
    if (!next) return null;
    parts.push({ headers, content: body.subarray(contentStart, next.contentEnd) });
    position = next.delimiterStart;
  }
}

function readPartHeaders(body: Buffer, start: number): { headers: Record<string, string>; contentStart: number } {
  const headers: Record<string, string> = {};
  let position = start;
  for (;;) {
    const lineEnd = body.indexOf(0x0a, position);
    if (lineEnd < 0) return { headers, contentStart: -1 };
    const line = body.subarray(position, body[lineEnd - 1] === 0x0d ? lineEnd - 1 : lineEnd).toString('utf8');
    position = lineEnd + 1;
    if (line === '') return { headers, contentStart: position };
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
}

/** The next delimiter that starts a line; the part's content ends before that line's CRLF (or LF). */
function findDelimiter(body: Buffer, delimiter: Buffer, from: number): { contentEnd: number; delimiterStart: number } | null {
  let search = from;
  for (;;) {
    const found = body.indexOf(delimiter, search);
    if (found < 0) return null;
    if (found >= from + 1 && body[found - 1] === 0x0a) {
      const contentEnd = found >= from + 2 && body[found - 2] === 0x0d ? found - 2 : found - 1;
      return { contentEnd, delimiterStart: found };
    }
    if (found === from) return { contentEnd: from, delimiterStart: found }; // an empty part with a bare delimiter
    search = found + 1;
  }
}

function decodeFileName(params: Record<string, string>): string | null {
  const extended = params['filename*'];
  if (extended) {
    const match = /^([\w!#$%&+^`{}~-]*)'[\w-]*'(.*)$/.exec(extended);
    if (match) {
      try {
        return decodeURIComponent(match[2] ?? '');
      } catch {
        return match[2] ?? null;
      }
    }
  }
  return params['filename'] ?? null;
}

/** Splits `a; b=c; d="e;f"` on the semicolons that are outside quotes. */
function splitHeaderParams(header: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < header.length; i += 1) {
    const char = header[i];
    if (quoted && char === '\\' && i + 1 < header.length) {
      current += char + header[i + 1];
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (char === ';' && !quoted) {
      pieces.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  pieces.push(current);
  return pieces;
}

function headerParams(pieces: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const piece of pieces) {
    const equals = piece.indexOf('=');
    if (equals < 0) continue;
    const key = piece.slice(0, equals).trim().toLowerCase();
    let value = piece.slice(equals + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    params[key] = value;
  }
  return params;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
