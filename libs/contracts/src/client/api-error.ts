import type { z } from 'zod';
import { isApiError, type ErrorCode } from '../error-codes';
import type { ApiRoutes } from '../routes';
import type { RouteId } from '../routes/route-table';

/** The code of a request that never got an answer (offline, server down, blocked). */
export const NETWORK_FAILURE = 'NETWORK';
export type ApiRequestErrorCode = ErrorCode | typeof NETWORK_FAILURE;

/** The error codes a route can answer with. */
export type RouteErrorCode<Id extends RouteId> = keyof ApiRoutes[Id]['errors'] & ErrorCode;

/** The `details` a route's error code carries, as its contract declares them. */
export type RouteErrorDetails<Id extends RouteId, C extends RouteErrorCode<Id>> = ApiRoutes[Id]['errors'][C] extends infer S
  ? S extends z.ZodType
    ? z.output<S>
    : undefined
  : never;

/** An ApiRequestError narrowed to one route and code, with its details typed. */
export type RouteError<Id extends RouteId, C extends RouteErrorCode<Id>> = ApiRequestError & {
  readonly routeId: Id;
  readonly code: C;
  readonly details: RouteErrorDetails<Id, C>;
};

/**
 * A failed call of a route: the API's answer `{ code, message, details?, requestId }` with its HTTP
 * status, or a network failure (status 0, code NETWORK). Clients switch on the code, never the text.
 */
export class ApiRequestError extends Error {
  readonly routeId: RouteId;
  readonly status: number;
  readonly code: ApiRequestErrorCode;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(init: { routeId: RouteId; status: number; code: ApiRequestErrorCode; message: string; details?: unknown; requestId?: string }) {
    super(init.message);
    this.name = 'ApiRequestError';
    this.routeId = init.routeId;
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId;
  }

  /** From an error answer; an answer that is not the API's error shape counts as INTERNAL. */
  static fromAnswer(routeId: RouteId, status: number, payload: unknown): ApiRequestError {
    if (isApiError(payload)) return new ApiRequestError({ routeId, status, ...payload });
    return new ApiRequestError({ routeId, status, code: 'INTERNAL', message: `Unexpected answer (${status})` });
  }

  static network(routeId: RouteId): ApiRequestError {
    return new ApiRequestError({ routeId, status: 0, code: NETWORK_FAILURE, message: 'The server cannot be reached. Check your connection.' });
  }
}

/** Whether the error is this route's answer with this code; narrows `details` to the declared shape. */
export function isRouteError<Id extends RouteId, C extends RouteErrorCode<Id>>(error: unknown, routeId: Id, code: C): error is RouteError<Id, C> {
  return error instanceof ApiRequestError && error.routeId === routeId && error.code === code;
}

/** Whether the request never got an answer. */
export function isNetworkFailure(error: unknown): error is ApiRequestError & { readonly code: typeof NETWORK_FAILURE } {
  return error instanceof ApiRequestError && error.code === NETWORK_FAILURE;
}
