import { departmentRoutes, employeeRoutes, groupRoutes } from './admin.routes';
import { authRoutes, profileRoutes } from './auth.routes';
import { channelRoutes } from './channels.routes';
import type { AnyApiRoute } from './define-route';
import { operatorStatusRoutes, presenceRoutes, ruleRoutes, slaRoutes } from './dispatcher.routes';
import { routeTable, type RouteId } from './route-table';
import { settingsRoutes } from './settings.routes';
import { systemRoutes } from './system.routes';
import { attachmentRoutes, messageRoutes, ticketRoutes } from './tickets.routes';
import { widgetRoutes } from './widget.routes';
import { customFieldRoutes, directoryRoutes, statusRoutes, templateRoutes } from './workspace.routes';

export * from './access';
export * from './admin.routes';
export * from './auth.routes';
export * from './channels.routes';
export * from './define-route';
export * from './dispatcher.routes';
export * from './route-table';
export * from './settings.routes';
export * from './system.routes';
export * from './tickets.routes';
export * from './widget.routes';
export * from './workspace.routes';

/** Every group of routes under the name that starts its routes' ids. */
const routeGroups = {
  system: systemRoutes,
  auth: authRoutes,
  profile: profileRoutes,
  employees: employeeRoutes,
  groups: groupRoutes,
  departments: departmentRoutes,
  settings: settingsRoutes,
  tickets: ticketRoutes,
  messages: messageRoutes,
  attachments: attachmentRoutes,
  templates: templateRoutes,
  customFields: customFieldRoutes,
  statuses: statusRoutes,
  directory: directoryRoutes,
  operatorStatuses: operatorStatusRoutes,
  presence: presenceRoutes,
  rules: ruleRoutes,
  sla: slaRoutes,
  channels: channelRoutes,
  widget: widgetRoutes,
};
type RouteGroups = typeof routeGroups;
type AllRoutes = { [G in keyof RouteGroups]: RouteGroups[G][keyof RouteGroups[G]] }[keyof RouteGroups];

/** Every route object by its id. */
export type ApiRoutes = { [Id in RouteId]: Extract<AllRoutes, { id: Id }> };

// Compile-time checks that the route table and the route objects match one to one: every group sits
// under the name its ids start with (so no id can be defined twice), and every id of the table has its
// route object (and defineRoutes accepts only ids of the table).
type _GroupsNamedByTheirIds = { [G in keyof RouteGroups]: RouteGroups[G][keyof RouteGroups[G]] extends { id: `${G}.${string}` } ? true : G };
type _EveryGroupNamedRight = AssertTrue<_GroupsNamedByTheirIds[keyof RouteGroups]>;
type _EveryIdHasARoute = AssertNever<Exclude<RouteId, AllRoutes['id']>>;
type AssertTrue<T extends true> = T;
type AssertNever<T extends never> = T;

/** Every route object by its id. */
export const apiRoutes = Object.fromEntries(
  Object.values(routeGroups).flatMap((group) => Object.values(group as Record<string, AnyApiRoute>)).map((route) => [route.id, route]),
) as ApiRoutes;

/** Every route in the order of the route table. */
export const apiRouteList: readonly AnyApiRoute[] = (Object.keys(routeTable) as RouteId[]).map((id) => apiRoutes[id]);
