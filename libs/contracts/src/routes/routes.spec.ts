import { ErrorCode } from '../error-codes';
import { Permission } from '../permissions';
import { employeeAccess, publicAccess } from './access';
import { defineRoutes, hasField } from './define-route';
import { apiRouteList, apiRoutes, ticketRoutes } from './index';
import { routeTable, routeUrl, type PathParamNames, type RouteId } from './route-table';
import { z } from 'zod';

const codes = (id: RouteId) => Object.keys(apiRoutes[id].errors).sort();

describe('route contracts (API-1)', () => {
  it('gives every id of the route table exactly one route object, with its method and path', () => {
    const ids = Object.keys(routeTable);
    expect(apiRouteList.map((r) => r.id)).toEqual(ids);
    expect(new Set(apiRouteList).size).toBe(ids.length);
    for (const route of apiRouteList) expect({ method: route.method, path: route.path }).toEqual(routeTable[route.id]);
  });

  it('names each path parameter in the params schema, and nothing else', () => {
    for (const route of apiRouteList) {
      const inPath = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]).sort();
      expect({ id: route.id, params: Object.keys(route.params?.shape ?? {}).sort() }).toEqual({ id: route.id, params: inPath });
    }
  });

  it('answers 201 for creations, 204 without an answer, else 200', () => {
    expect(apiRoutes['tickets.postMessage'].status).toBe(201);
    expect(apiRoutes['tickets.markRead'].status).toBe(204);
    expect(apiRoutes['tickets.take'].status).toBe(200);
    expect(apiRoutes['attachments.download'].status).toBe(200);
  });

  it('adds the implied error codes', () => {
    expect(codes('system.health')).toEqual(['DATABASE_UNAVAILABLE', 'INTERNAL']);
    expect(codes('auth.me')).toEqual(['DATABASE_UNAVAILABLE', 'INTERNAL', 'UNAUTHENTICATED']);
    expect(codes('auth.signIn')).toEqual(
      ['CROSS_SITE_REQUEST', 'DATABASE_UNAVAILABLE', 'INTERNAL', 'INVALID_CREDENTIALS', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED', 'UNSUPPORTED_MEDIA_TYPE', 'VALIDATION_FAILED'].sort(),
    );
    // Issue #10: the widget's routes are called from customers' sites; the rest only from the app's origin.
    expect(codes('widget.createSession')).not.toContain('CROSS_SITE_REQUEST');
    expect(codes('widget.sendMessage')).not.toContain('CROSS_SITE_REQUEST');
    expect(codes('tickets.detail')).toEqual(['DATABASE_UNAVAILABLE', 'FORBIDDEN', 'INTERNAL', 'TICKET_NOT_FOUND', 'UNAUTHENTICATED', 'VALIDATION_FAILED']);
    expect(codes('widget.upload')).toEqual(
      ['DATABASE_UNAVAILABLE', 'FILE_TOO_LARGE', 'FILE_TYPE_NOT_ALLOWED', 'INTERNAL', 'NO_FILE', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED', 'UNAUTHENTICATED', 'UNSUPPORTED_MEDIA_TYPE', 'VALIDATION_FAILED'].sort(),
    );
  });

  it('lets every route answer 503 DATABASE_UNAVAILABLE (issue #16)', () => {
    for (const route of apiRouteList) expect({ id: route.id, declared: 'DATABASE_UNAVAILABLE' in route.errors }).toEqual({ id: route.id, declared: true });
    // …and its type says so, so a client may switch on it.
    expect(apiRoutes['system.health'].errors.DATABASE_UNAVAILABLE).toBeNull();
  });

  it('adds MESSAGE_TOO_LONG where the body has a `body` field (the validation answers an over-long one with it)', () => {
    const withIt = apiRouteList.filter((r) => 'MESSAGE_TOO_LONG' in r.errors).map((r) => r.id);
    expect(withIt.sort()).toEqual(['rules.create', 'rules.update', 'templates.create', 'templates.update', 'tickets.postMessage', 'widget.sendMessage']);
  });

  it('finds a field through wrappers, unions and arrays', () => {
    expect(hasField(z.object({ a: z.array(z.discriminatedUnion('t', [z.object({ t: z.literal('x'), body: z.string() })])) }).optional(), 'body')).toBe(true);
    expect(hasField(z.object({ a: z.string() }).refine(() => true), 'body')).toBe(false);
  });

  it('declares the details of the codes that carry them', () => {
    expect(apiRoutes['tickets.take'].errors.TICKET_ALREADY_TAKEN.safeParse({ executor: null }).success).toBe(true);
    expect(apiRoutes['presence.setMine'].errors.OFFLINE_FORBIDDEN.safeParse({ requests: [] }).success).toBe(true);
    expect(apiRoutes['tickets.detail'].errors.VALIDATION_FAILED.safeParse(undefined).success).toBe(true);
  });

  it('refuses an id that is not in the table, and (by its types) a path parameter without a schema', () => {
    expect(() =>
      // @ts-expect-error: no such id in the route table
      defineRoutes('tickets', { nowhere: { summary: 's', access: publicAccess } }),
    ).toThrow('Route tickets.nowhere is not in the route table');
    // @ts-expect-error: the path /tickets/:id needs params
    defineRoutes('tickets', { detail: { summary: 's', access: employeeAccess(Permission.OmniAccess) } });
    expect(ticketRoutes.detail.errors[ErrorCode.TicketNotFound]).toBeNull();
  });

  it('fills the path and the query of an address', () => {
    expect(routeUrl('tickets.messages', { id: 'a/b' }, { limit: 5, view: undefined, live: true })).toBe('/tickets/a%2Fb/messages?limit=5&live=true');
    expect(() => routeUrl('tickets.detail')).toThrow('needs the path parameter "id"');
    const names: PathParamNames<'/omni/operators/:id/status'> = 'id';
    expect(names).toBe('id');
  });
});
