import { applyDecorators, createParamDecorator, type ExecutionContext, HttpCode, RequestMapping, RequestMethod, SetMetadata, UseInterceptors } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { AnyApiRoute, RouteResponse } from '@omnichannel/contracts';
import type { FastifyRequest } from 'fastify';
import { ACCESS_RULE } from '../decorators/access.decorator';
import { parsedInput, ROUTE_CONTRACT, RouteContractInterceptor } from './route-contract.interceptor';

const interceptor = new RouteContractInterceptor();

/**
 * Serves a route contract of libs/contracts: registers its method and path (below /api), success status
 * and access rule, validates its input and answer, and records it for the OpenAPI document. The
 * handler's return type is checked against the contract's response.
 */
export function Route<R extends AnyApiRoute>(route: R) {
  const decorate = applyDecorators(
    RequestMapping({ method: RequestMethod[route.method], path: route.path }),
    HttpCode(route.status),
    SetMetadata(ACCESS_RULE, route.access),
    SetMetadata(ROUTE_CONTRACT, route),
    // Fastify keeps the id with the route, so errors raised before the handler (body parsing, rate
    // limits) are still checked against the contract by the exception filter.
    RouteConfig({ routeId: route.id }),
    UseInterceptors(interceptor),
  );
  return <H extends (...args: never[]) => RouteResponse<R> | Promise<RouteResponse<R>>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    decorate(target, key, descriptor);
  };
}

/** The handler's validated input (`params`, `query`, `body`), typed with `RouteInput<typeof route>`. */
export const In = createParamDecorator((_: unknown, context: ExecutionContext): unknown => {
  const input = parsedInput(context.switchToHttp().getRequest<FastifyRequest>());
  if (input === undefined) throw new Error('@In() needs @Route() on its handler');
  return input;
});
