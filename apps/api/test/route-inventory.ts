import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { routeTable, type AnyApiRoute, type RouteId, type RouteLine } from '@omnichannel/contracts';
import { ACCESS_RULE, type AccessRule } from '../src/common/decorators/access.decorator';
import { ROUTE_CONTRACT } from '../src/common/routing/route-contract.interceptor';
import type { INestApplicationContext } from '@nestjs/common';

export interface Endpoint {
  kind: 'http' | 'socket';
  name: string;
  rule: AccessRule | undefined;
  /** The route contract a REST handler serves (@Route). */
  route: AnyApiRoute | undefined;
}

/** Every REST handler and socket event of the running app, with the access rule it declares. */
export function endpointInventory(app: Pick<INestApplicationContext, 'get'>): Endpoint[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const endpoints: Endpoint[] = [];
  for (const wrapper of [...discovery.getControllers(), ...discovery.getProviders()]) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    const isController = discovery.getControllers().includes(wrapper);
    const base = isController ? (Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string | undefined) : undefined;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[methodName] as (...args: unknown[]) => unknown;
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler, wrapper.metatype as () => unknown]);
      if (isController && Reflect.hasMetadata(METHOD_METADATA, handler)) {
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string;
        const url = `/api/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/{2,}/g, '/');
        const route = Reflect.getMetadata(ROUTE_CONTRACT, handler) as AnyApiRoute | undefined;
        endpoints.push({ kind: 'http', name: `${method} ${url}`, rule, route });
      }
      const message = Reflect.getMetadata(MESSAGE_METADATA, handler) as string | undefined;
      if (message) endpoints.push({ kind: 'socket', name: `socket ${message}`, rule, route: undefined });
    }
  }
  return endpoints;
}

/** The endpoints that declare no access rule: the route-metadata test requires none. */
export function undeclaredEndpoints(app: Pick<INestApplicationContext, 'get'>): string[] {
  return endpointInventory(app)
    .filter((e) => !e.rule)
    .map((e) => e.name);
}

/** The route contract a request (method and /api/… address) reaches; a fixed segment wins over a parameter, as in the router. */
export function routeIdOf(method: string, url: string): RouteId | undefined {
  const path = url.split('?')[0] ?? '';
  const candidates = (Object.entries(routeTable) as [RouteId, RouteLine][]).filter(
    ([, line]) => line.method === method && new RegExp(`^/api${line.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(path),
  );
  candidates.sort(([, a], [, b]) => (a.path.match(/:/g)?.length ?? 0) - (b.path.match(/:/g)?.length ?? 0));
  return candidates[0]?.[0];
}
