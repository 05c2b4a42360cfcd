import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  API_TOKEN_PREFIX,
  MAX_ATTACHMENT_BYTES,
  SESSION_COOKIE,
  UPLOAD_FIELD,
  apiRouteList,
  errorHttpStatus,
  type AnyApiRoute,
  type ErrorCode,
  type RouteAccess,
} from '@omnichannel/contracts';
import { z } from 'zod';
import { createDocument, type oas31, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { nameComponents } from './components';

const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };

const DESCRIPTION = `The REST API of Omnichannel, generated from the route contracts in \`libs/contracts/src/routes\`.

**Authentication.** Employees use the session cookie \`${SESSION_COOKIE}\` that \`POST /auth/sign-in\` sets (the operator app), or an API token from their profile page sent as \`Authorization: Bearer ${API_TOKEN_PREFIX}…\` (integrations); a token has exactly its employee's current rights. Each operation names the rights it needs. Widget visitors send the token of \`POST /widget/sessions\` as \`Authorization: Bearer …\`.

**Errors.** Every refusal is \`{ code, message, details?, requestId }\` with the HTTP status of its code; switch on \`code\`, never on the message. Each operation lists the codes it can answer with and their \`details\`. A ticket of another department is \`TICKET_NOT_FOUND\`, like one that does not exist. A 500 says nothing internal; its \`requestId\` finds it in the server's log. A 503 \`DATABASE_UNAVAILABLE\` (with \`Retry-After\`) means the database is away for a moment: send the same request again later (a message with the same \`clientMsgId\` is stored once, however often it is sent).`;

const securitySchemes: Record<string, oas31.SecuritySchemeObject> = {
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The operator app\'s session: set by POST /auth/sign-in (httpOnly, SameSite=Strict).',
  },
  apiToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: `${API_TOKEN_PREFIX}…`,
    description: `An employee's API token (profile page), \`Authorization: Bearer ${API_TOKEN_PREFIX}…\`; shown once, stored hashed.`,
  },
  visitorToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'A widget visitor\'s token from POST /widget/sessions.',
  },
};

/** OpenAPI 3.1 lets a security requirement of any scheme name roles: here the rights an operation needs. */
function security(access: RouteAccess): oas31.SecurityRequirementObject[] {
  switch (access.kind) {
    case 'public':
      return [];
    case 'visitor':
      return [{ visitorToken: [] }];
    case 'employee':
      return [{ sessionCookie: [...access.permissions] }, { apiToken: [...access.permissions] }];
  }
}

function accessNote(access: RouteAccess): string {
  switch (access.kind) {
    case 'public':
      return 'Public.';
    case 'visitor':
      return 'For a widget visitor (visitor token).';
    case 'employee':
      return access.permissions.length > 0
        ? `Needs the rights: ${access.permissions.map((p) => `\`${p}\``).join(', ')}.`
        : 'For any signed-in employee.';
  }
}

const pascal = (code: string) => code.toLowerCase().replace(/(^|_)([a-z])/g, (_, __: string, c: string) => c.toUpperCase());

/** The error bodies of the document, one per code and details schema, each a named component. */
class ErrorBodies {
  private readonly byCode = new Map<ErrorCode, { details: z.ZodType | null; schema: z.ZodObject }[]>();

  body(code: ErrorCode, details: z.ZodType | null): z.ZodObject {
    const known = this.byCode.get(code) ?? [];
    const found = known.find((k) => k.details === details);
    if (found) return found.schema;
    const schema = z
      .object({ code: z.literal(code), message: z.string(), ...(details ? { details } : {}), requestId: z.string() })
      .meta({ id: `${pascal(code)}Error${known.length ? String(known.length + 1) : ''}` });
    this.byCode.set(code, [...known, { details, schema }]);
    return schema;
  }
}

/** One response per HTTP status the route can refuse with, listing its codes, each with its error body. */
function errorResponses(route: AnyApiRoute, bodies: ErrorBodies): ZodOpenApiResponsesObject {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of Object.keys(route.errors) as ErrorCode[]) byStatus.set(errorHttpStatus[code], [...(byStatus.get(errorHttpStatus[code]) ?? []), code]);
  const responses: ZodOpenApiResponsesObject = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const codes = (byStatus.get(status) ?? []).sort();
    const [first, ...more] = codes.map((code) => bodies.body(code, route.errors[code] ?? null));
    if (!first) continue;
    responses[String(status) as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: `Refused: ${codes.map((code) => `\`${code}\``).join(', ')}.`,
      content: { 'application/json': { schema: more.length ? z.discriminatedUnion('code', [first, ...more]) : first } },
    };
  }
  return responses;
}

const uploadBody: oas31.SchemaObject = {
  type: 'object',
  required: [UPLOAD_FIELD],
  properties: {
    [UPLOAD_FIELD]: {
      type: 'string',
      contentMediaType: 'application/octet-stream',
      description: `One file of at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB; its type is decided by its bytes, not its name.`,
    },
  },
};

function operation(route: AnyApiRoute, bodies: ErrorBodies): ZodOpenApiOperationObject {
  const success = route.response
    ? { description: 'Done.', content: { 'application/json': { schema: route.response } } }
    : route.download
      ? {
          description: 'The file, as a download (its checked type, `nosniff`, a sandboxing CSP).',
          content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
        }
      : { description: 'Done; nothing to answer.' };
  const permissions = route.access.kind === 'employee' ? route.access.permissions : [];
  return {
    operationId: route.id,
    summary: route.summary,
    description: [route.description, accessNote(route.access), route.rateLimited ? 'Rate-limited (429 RATE_LIMITED).' : undefined]
      .filter(Boolean)
      .join('\n\n'),
    tags: [route.group],
    security: security(route.access),
    ...(permissions.length ? { 'x-permissions': [...permissions] } : {}),
    ...(route.params || route.query
      ? { requestParams: { ...(route.params ? { path: route.params } : {}), ...(route.query ? { query: route.query } : {}) } }
      : {}),
    ...(route.body
      ? { requestBody: { required: !route.body.safeParse(undefined).success, content: { 'application/json': { schema: route.body } } } }
      : route.upload
        ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: uploadBody } } } }
        : {}),
    responses: { [String(route.status)]: success, ...errorResponses(route, bodies) },
  };
}

/** The OpenAPI 3.1 document of every route contract (served at /api/openapi.json, committed as docs/openapi.json). */
export function buildOpenApiDocument(): oas31.OpenAPIObject {
  nameComponents();
  const bodies = new ErrorBodies();
  const paths: ZodOpenApiPathsObject = {};
  for (const route of apiRouteList) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route, bodies) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Omnichannel API', version, description: DESCRIPTION, license: { name: 'MIT', identifier: 'MIT' } },
    servers: [{ url: '/api' }],
    tags: [...new Set(apiRouteList.map((r) => r.group))].map((name) => ({ name })),
    paths,
    components: { securitySchemes },
  });
}
