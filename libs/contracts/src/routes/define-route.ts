import type { z } from 'zod';
import type { ErrorCode } from '../error-codes';
import { rateLimitedDetailsSchema, validationDetailsSchema } from '../error-details';
import type { RouteAccess } from './access';
import { routeTable, type HttpMethod, type PathParamNames, type RouteId, type RouteTable } from './route-table';

type Schema = z.ZodType;
type ObjectSchema = z.ZodObject<z.core.$ZodLooseShape, z.core.$ZodObjectConfig>;

/** The error codes a route can answer with, each with the schema of its `details` (null: none). */
export type RouteErrorMap = Partial<Record<ErrorCode, Schema | null>>;

interface RouteSpecBase {
  /** One line for the API reference. */
  summary: string;
  description?: string;
  access: RouteAccess;
  query?: ObjectSchema;
  /** A JSON body. */
  body?: Schema;
  /** A multipart/form-data body with one file in the field `file` (UPLOAD_FIELD). */
  upload?: true;
  /** The JSON answer; without it (and without `download`) the route answers 204. */
  response?: Schema;
  /** The answer is a file's bytes (a download), not JSON. */
  download?: true;
  /** 201 for creations; otherwise 200 with an answer, 204 without. */
  status?: 201;
  /** The codes the route's own work can refuse with; the implied ones (see impliedErrors) are added. */
  errors?: RouteErrorMap;
  /** A rate limit or quota applies (the API sets its numbers; see apps/api/src/common/rate-limits.ts). */
  rateLimited?: true;
  /**
   * Called from any site (the widget's public routes on a customer's pages). Visitor routes always are;
   * every other route that changes state accepts only requests from the app's own origin.
   */
  crossSite?: true;
}

/** A route's spec: it has `params` exactly when its path has parameters, one schema per parameter. */
export type RouteSpec<Id extends RouteId = RouteId> = RouteSpecBase &
  ([PathParamNames<RouteTable[Id]['path']>] extends [never]
    ? { params?: never }
    : { params: z.ZodObject<{ [K in PathParamNames<RouteTable[Id]['path']>]: Schema }, z.core.$ZodObjectConfig> });

/** What every route object offers, whatever its schemas. */
export interface AnyApiRoute {
  readonly id: RouteId;
  /** The part of the id before the dot: the route's tag in the API reference. */
  readonly group: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly description: string | undefined;
  readonly access: RouteAccess;
  readonly params: ObjectSchema | undefined;
  readonly query: ObjectSchema | undefined;
  readonly body: Schema | undefined;
  readonly upload: boolean;
  readonly response: Schema | undefined;
  readonly download: boolean;
  readonly status: number;
  /** Every code the route can answer with: its own and the implied ones. */
  readonly errors: RouteErrorMap;
  readonly rateLimited: boolean;
  /** Requests from other origins are accepted (see RouteSpecBase.crossSite). */
  readonly crossSite: boolean;
}

type Field<S, K extends string, Base = unknown> = S extends { readonly [P in K]: infer V extends Base } ? V : undefined;
type Flag<S, K extends string> = S extends { readonly [P in K]: true } ? true : false;
/** T when any of the conditions holds (not distributed: `boolean` means one of them does). */
type When<C extends boolean, T> = [C] extends [false] ? unknown : T;

type AccessErrors<A> = A extends { kind: 'public' }
  ? unknown
  : { readonly UNAUTHENTICATED: null } & (A extends { kind: 'employee'; permissions: readonly [] } ? unknown : A extends { kind: 'employee' } ? { readonly FORBIDDEN: null } : unknown);

/**
 * The implied codes as types. MESSAGE_TOO_LONG is assumed for every JSON body here; at run time it is
 * added only where the body has a `body` field (see impliedErrors).
 */
type ImpliedErrors<S> = When<
  Flag<S, 'upload'> | (Field<S, 'params'> extends undefined ? false : true) | (Field<S, 'query'> extends undefined ? false : true) | (Field<S, 'body'> extends undefined ? false : true),
  { readonly VALIDATION_FAILED: typeof validationFailedDetailsSchema }
> &
  When<Field<S, 'body'> extends undefined ? false : true, { readonly MESSAGE_TOO_LONG: typeof validationDetailsSchema }> &
  When<Flag<S, 'upload'> | (Field<S, 'body'> extends undefined ? false : true), { readonly PAYLOAD_TOO_LARGE: null; readonly UNSUPPORTED_MEDIA_TYPE: null }> &
  When<Flag<S, 'upload'>, { readonly NO_FILE: null; readonly FILE_TOO_LARGE: null; readonly FILE_TYPE_NOT_ALLOWED: null }> &
  When<Flag<S, 'rateLimited'>, { readonly RATE_LIMITED: typeof rateLimitedDetailsSchema }> &
  AccessErrors<Field<S, 'access'>> & { readonly DATABASE_UNAVAILABLE: null; readonly INTERNAL: null };

/** A state-changing route of the app's own origin refuses requests from other sites. */
type CrossSiteErrors<M, S> = M extends 'GET'
  ? unknown
  : Flag<S, 'crossSite'> extends true
    ? unknown
    : Field<S, 'access'> extends { kind: 'visitor' }
      ? unknown
      : { readonly CROSS_SITE_REQUEST: null };

/** One route: its spec, its method and path from the route table, and every error code it can answer with. */
export interface ApiRoute<Id extends RouteId, S> extends AnyApiRoute {
  readonly id: Id;
  readonly method: RouteTable[Id]['method'];
  readonly path: RouteTable[Id]['path'];
  readonly access: S extends { readonly access: infer A extends RouteAccess } ? A : RouteAccess;
  readonly params: Field<S, 'params', ObjectSchema>;
  readonly query: Field<S, 'query', ObjectSchema>;
  readonly body: Field<S, 'body', Schema>;
  readonly upload: Flag<S, 'upload'>;
  readonly response: Field<S, 'response', Schema>;
  readonly download: Flag<S, 'download'>;
  readonly errors: (S extends { readonly errors: infer E } ? E : unknown) & ImpliedErrors<S> & CrossSiteErrors<RouteTable[Id]['method'], S>;
}

/** What a handler receives, parsed: `params`, `query` and `body` as the route declares them. */
export type RouteInput<R extends AnyApiRoute> = (R['params'] extends Schema ? { readonly params: z.output<R['params']> } : unknown) &
  (R['query'] extends Schema ? { readonly query: z.output<R['query']> } : unknown) &
  (R['body'] extends Schema ? { readonly body: z.output<R['body']> } : unknown);

/** What a handler answers with (before the response schema strips undeclared fields); void: 204 or a download. */
export type RouteResponse<R extends AnyApiRoute> = R['response'] extends Schema ? z.output<R['response']> : void;

type GroupSpecs<G extends string, S> = {
  readonly [K in keyof S]: K extends string ? (`${G}.${K}` extends RouteId ? RouteSpec<`${G}.${K}`> : never) : never;
};

/**
 * The routes of one group; each route's id is `<group>.<name>` and must be a key of the route table,
 * whose method and path it takes.
 */
/*#__NO_SIDE_EFFECTS__*/
export function defineRoutes<const G extends string, const S extends GroupSpecs<G, S>>(
  group: G,
  specs: S,
): { readonly [K in keyof S & string]: ApiRoute<`${G}.${K}` & RouteId, S[K]> } {
  const routes: Record<string, AnyApiRoute> = {};
  for (const [name, spec] of Object.entries(specs as Record<string, RouteSpecBase & { params?: ObjectSchema }>)) {
    routes[name] = buildRoute(`${group}.${name}` as RouteId, group, spec);
  }
  return routes as { readonly [K in keyof S & string]: ApiRoute<`${G}.${K}` & RouteId, S[K]> };
}

function buildRoute(id: RouteId, group: string, spec: RouteSpecBase & { params?: ObjectSchema }): AnyApiRoute {
  const line = routeTable[id] as (typeof routeTable)[RouteId] | undefined;
  if (!line) throw new Error(`Route ${id} is not in the route table`);
  if (spec.body && spec.upload) throw new Error(`Route ${id} takes either a JSON body or an upload`);
  if (spec.response && spec.download) throw new Error(`Route ${id} answers either JSON or a download`);
  return {
    id,
    group,
    method: line.method,
    path: line.path,
    summary: spec.summary,
    description: spec.description,
    access: spec.access,
    params: spec.params,
    query: spec.query,
    body: spec.body,
    upload: spec.upload === true,
    response: spec.response,
    download: spec.download === true,
    status: spec.status ?? (spec.response || spec.download ? 200 : 204),
    errors: { ...spec.errors, ...impliedErrors(spec, line.method) },
    rateLimited: spec.rateLimited === true,
    crossSite: isCrossSite(spec),
  };
}

function isCrossSite(spec: RouteSpecBase): boolean {
  return spec.crossSite === true || spec.access.kind === 'visitor';
}

/** One schema object for every route, so the API reference names it once. */
const validationFailedDetailsSchema = validationDetailsSchema.optional();

/**
 * The codes every route of a kind can answer with, so no route has to remember them: bad input, bodies
 * the server refuses by size or type, uploads, rate limits, missing sign-in or rights, the database being
 * away (every route reads it, even if only to check who calls), and INTERNAL.
 */
export function impliedErrors(spec: RouteSpecBase & { params?: ObjectSchema }, method: HttpMethod): RouteErrorMap {
  const errors: RouteErrorMap = {};
  if (method !== 'GET' && !isCrossSite(spec)) errors.CROSS_SITE_REQUEST = null;
  // Service-side checks answer VALIDATION_FAILED without issues, so its details are optional.
  if (spec.params || spec.query || spec.body || spec.upload) errors.VALIDATION_FAILED = validationFailedDetailsSchema;
  // The validation answers an over-long `body` (a message, a template, a rule's comment) with its own code.
  if (spec.body && hasField(spec.body, 'body')) errors.MESSAGE_TOO_LONG = validationDetailsSchema;
  if (spec.body || spec.upload) Object.assign(errors, { PAYLOAD_TOO_LARGE: null, UNSUPPORTED_MEDIA_TYPE: null });
  if (spec.upload) Object.assign(errors, { NO_FILE: null, FILE_TOO_LARGE: null, FILE_TYPE_NOT_ALLOWED: null });
  if (spec.rateLimited) errors.RATE_LIMITED = rateLimitedDetailsSchema;
  if (spec.access.kind !== 'public') errors.UNAUTHENTICATED = null;
  if (spec.access.kind === 'employee' && spec.access.permissions.length > 0) errors.FORBIDDEN = null;
  errors.DATABASE_UNAVAILABLE = null;
  errors.INTERNAL = null;
  return errors;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  innerType?: Schema;
  in?: Schema;
  out?: Schema;
  options?: Schema[];
  left?: Schema;
  right?: Schema;
  valueType?: Schema;
  items?: Schema[];
}

/** Whether any object inside the schema has a field of this name (wrappers, unions and arrays included). */
export function hasField(schema: Schema, name: string): boolean {
  const def = schema._zod.def as unknown as SchemaDef;
  if (def.type === 'object' && def.shape && name in def.shape) return true;
  const inner = [
    ...Object.values(def.shape ?? {}),
    def.element,
    def.innerType,
    def.in,
    def.out,
    ...(def.options ?? []),
    def.left,
    def.right,
    def.valueType,
    ...(def.items ?? []),
  ];
  return inner.some((child) => child !== undefined && hasField(child, name));
}
