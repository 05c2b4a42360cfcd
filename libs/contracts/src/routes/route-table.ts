// Method and path of every REST route, below /api: the one place a path is written. Free of zod on
// purpose: the SPA and the widget call routes by id through this table, and reading a path from the
// route objects (which hold the schemas) would bundle all of zod into them.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteLine {
  readonly method: HttpMethod;
  /** Below /api; `:name` is a path parameter. */
  readonly path: string;
}

export const routeTable = {
  'system.health': { method: 'GET', path: '/health' },
  'system.openapi': { method: 'GET', path: '/openapi.json' },

  'auth.signIn': { method: 'POST', path: '/auth/sign-in' },
  'auth.signOut': { method: 'POST', path: '/auth/sign-out' },
  'auth.me': { method: 'GET', path: '/auth/me' },

  'profile.update': { method: 'PATCH', path: '/profile' },
  'profile.changePassword': { method: 'POST', path: '/profile/password' },
  'profile.listTokens': { method: 'GET', path: '/profile/tokens' },
  'profile.createToken': { method: 'POST', path: '/profile/tokens' },
  'profile.revokeToken': { method: 'DELETE', path: '/profile/tokens/:id' },

  'employees.list': { method: 'GET', path: '/employees' },
  'employees.get': { method: 'GET', path: '/employees/:id' },
  'employees.create': { method: 'POST', path: '/employees' },
  'employees.update': { method: 'PATCH', path: '/employees/:id' },
  'employees.setPassword': { method: 'POST', path: '/employees/:id/password' },
  'employees.remove': { method: 'DELETE', path: '/employees/:id' },

  'groups.list': { method: 'GET', path: '/groups' },
  'groups.create': { method: 'POST', path: '/groups' },
  'groups.update': { method: 'PUT', path: '/groups/:id' },
  'groups.remove': { method: 'DELETE', path: '/groups/:id' },

  'departments.list': { method: 'GET', path: '/departments' },
  'departments.create': { method: 'POST', path: '/departments' },
  'departments.update': { method: 'PUT', path: '/departments/:id' },
  'departments.remove': { method: 'DELETE', path: '/departments/:id' },

  'settings.omni': { method: 'GET', path: '/settings/omni' },
  'settings.updateOmni': { method: 'PATCH', path: '/settings/omni' },

  'tickets.list': { method: 'GET', path: '/tickets' },
  'tickets.search': { method: 'GET', path: '/tickets/search' },
  'tickets.searchMessages': { method: 'GET', path: '/tickets/search/messages' },
  'tickets.detail': { method: 'GET', path: '/tickets/:id' },
  'tickets.clientAvatar': { method: 'GET', path: '/tickets/:id/client-avatar' },
  'tickets.messages': { method: 'GET', path: '/tickets/:id/messages' },
  'tickets.previous': { method: 'GET', path: '/tickets/:id/previous' },
  'tickets.postMessage': { method: 'POST', path: '/tickets/:id/messages' },
  'tickets.take': { method: 'POST', path: '/tickets/:id/take' },
  'tickets.complete': { method: 'POST', path: '/tickets/:id/complete' },
  'tickets.transfer': { method: 'POST', path: '/tickets/:id/transfer' },
  'tickets.invite': { method: 'POST', path: '/tickets/:id/invite' },
  'tickets.changeStatus': { method: 'POST', path: '/tickets/:id/status' },
  'tickets.markRead': { method: 'POST', path: '/tickets/:id/read' },
  'tickets.updateCustom': { method: 'PATCH', path: '/tickets/:id/custom' },

  'messages.retry': { method: 'POST', path: '/messages/:id/retry' },

  'attachments.upload': { method: 'POST', path: '/attachments' },
  'attachments.download': { method: 'GET', path: '/attachments/:id' },

  'templates.search': { method: 'GET', path: '/templates/search' },
  'templates.list': { method: 'GET', path: '/templates' },
  'templates.create': { method: 'POST', path: '/templates' },
  'templates.update': { method: 'PUT', path: '/templates/:id' },
  'templates.remove': { method: 'DELETE', path: '/templates/:id' },

  'customFields.list': { method: 'GET', path: '/custom-fields' },
  'customFields.create': { method: 'POST', path: '/custom-fields' },
  'customFields.update': { method: 'PUT', path: '/custom-fields/:id' },
  'customFields.remove': { method: 'DELETE', path: '/custom-fields/:id' },

  'statuses.list': { method: 'GET', path: '/statuses' },
  'statuses.create': { method: 'POST', path: '/statuses' },
  'statuses.update': { method: 'PUT', path: '/statuses/:code' },
  'statuses.remove': { method: 'DELETE', path: '/statuses/:code' },

  'directory.read': { method: 'GET', path: '/directory' },

  'operatorStatuses.list': { method: 'GET', path: '/omni/operator-statuses' },
  'operatorStatuses.create': { method: 'POST', path: '/omni/operator-statuses' },
  'operatorStatuses.update': { method: 'PATCH', path: '/omni/operator-statuses/:code' },
  'operatorStatuses.remove': { method: 'DELETE', path: '/omni/operator-statuses/:code' },

  'presence.mine': { method: 'GET', path: '/omni/presence/me' },
  'presence.setMine': { method: 'PUT', path: '/omni/presence/me' },
  'presence.operators': { method: 'GET', path: '/omni/operators' },
  'presence.setStatus': { method: 'PUT', path: '/omni/operators/:id/status' },
  'presence.setLimit': { method: 'PUT', path: '/omni/operators/:id/limit' },

  'rules.list': { method: 'GET', path: '/omni/rules' },
  'rules.create': { method: 'POST', path: '/omni/rules' },
  'rules.reorder': { method: 'PUT', path: '/omni/rules/order' },
  'rules.update': { method: 'PATCH', path: '/omni/rules/:id' },
  'rules.copy': { method: 'POST', path: '/omni/rules/:id/copy' },
  'rules.remove': { method: 'DELETE', path: '/omni/rules/:id' },

  'sla.list': { method: 'GET', path: '/omni/sla' },
  'sla.update': { method: 'PUT', path: '/omni/sla/:departmentId' },

  'channels.webhook': { method: 'POST', path: '/channels/:id/webhook' },
  'channels.file': { method: 'GET', path: '/channels/files/:token' },
  'channels.list': { method: 'GET', path: '/channels' },
  'channels.create': { method: 'POST', path: '/channels' },
  'channels.update': { method: 'PATCH', path: '/channels/:id' },
  'channels.remove': { method: 'DELETE', path: '/channels/:id' },
  'channels.registerWebhook': { method: 'POST', path: '/channels/:id/register-webhook' },

  'widget.config': { method: 'GET', path: '/widget/config' },
  'widget.createSession': { method: 'POST', path: '/widget/sessions' },
  'widget.state': { method: 'GET', path: '/widget/state' },
  'widget.queue': { method: 'GET', path: '/widget/queue' },
  'widget.updateVisitor': { method: 'PATCH', path: '/widget/visitor' },
  'widget.upload': { method: 'POST', path: '/widget/attachments' },
  'widget.download': { method: 'GET', path: '/widget/attachments/:id' },
  'widget.sendMessage': { method: 'POST', path: '/widget/messages' },
} as const satisfies Record<string, RouteLine>;

export type RouteTable = typeof routeTable;
export type RouteId = keyof RouteTable;

/** The names of a path's parameters: `/tickets/:id/messages` → `'id'`. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The path with its parameters filled in (each encoded) and the query appended. */
export function routeUrl(
  id: RouteId,
  params?: Readonly<Record<string, string | number>>,
  query?: Readonly<Record<string, string | number | boolean | null | undefined>>,
): string {
  const path = routeTable[id].path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Route ${id} needs the path parameter "${name}"`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null) search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
