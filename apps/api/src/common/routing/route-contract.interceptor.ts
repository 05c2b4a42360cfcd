import { type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { apiRoutes, type AnyApiRoute, type RouteId } from '@omnichannel/contracts';
import type { FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { parseOrThrow } from '../validation/parse';

export const ROUTE_CONTRACT = 'omni:route-contract';

/** Parsed input of the requests in flight, for @In(). */
const inputs = new WeakMap<FastifyRequest, unknown>();

export function parsedInput(request: FastifyRequest): unknown {
  return inputs.get(request);
}

/** The contract of the route a request matched (any request, also one refused before its handler ran). */
export function routeOfRequest(request: FastifyRequest): AnyApiRoute | undefined {
  const { routeId } = (request.routeOptions.config ?? {}) as { routeId?: RouteId };
  return routeId ? apiRoutes[routeId] : undefined;
}

/** Validates params, query and body in that order; the first that fails answers VALIDATION_FAILED (or MESSAGE_TOO_LONG). */
function parseRouteInput(route: AnyApiRoute, request: Pick<FastifyRequest, 'params' | 'query' | 'body'>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (route.params) input.params = parseOrThrow(route.params, request.params);
  if (route.query) input.query = parseOrThrow(route.query, request.query);
  if (route.body) input.body = parseOrThrow(route.body, request.body);
  return input;
}

/**
 * Holds a handler to its route contract: the input is validated before the handler runs, and the answer
 * is parsed with the response schema, which also strips any field the contract does not name (no
 * internal field can leak by accident).
 */
export class RouteContractInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = Reflect.getMetadata(ROUTE_CONTRACT, context.getHandler()) as AnyApiRoute | undefined;
    if (!route || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    inputs.set(request, parseRouteInput(route, request));
    const { response } = route;
    return response ? next.handle().pipe(map((value: unknown) => response.parse(value))) : next.handle();
  }
}
