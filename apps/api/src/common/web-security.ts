import { ErrorCode, errorHttpStatus, type ApiError } from '@omnichannel/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config';
import { routeOfRequest } from './routing/route-contract.interceptor';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What browsers say of a request made by the app's own pages, or typed into the address bar. */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (sandboxed frames, file:) and garbage are nobody's origin
  }
}

/**
 * Why a state-changing request must be refused as cross-site, or null. Browsers send Origin with every
 * such request and Sec-Fetch-Site with every request; both must say "this app's own origin", so a sibling
 * origin on the same site (another port, another subdomain) is refused too, which SameSite cookies alone
 * do not do. Requests with neither header are not from a browser (integrations, curl) and carry no
 * ambient credentials a page could abuse.
 */
export function crossSiteRefusal(request: Pick<FastifyRequest, 'method' | 'headers' | 'host'>, ownHosts: readonly string[]): string | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const fetchSite = first(request.headers['sec-fetch-site']);
  if (fetchSite !== undefined && !OWN_FETCH_SITES.has(fetchSite)) return `The browser says this request comes from another site (${fetchSite})`;
  const origin = first(request.headers.origin);
  if (origin !== undefined) {
    const host = hostOf(origin);
    if (host === null || (host !== request.host && !ownHosts.includes(host))) return 'This request comes from another origin';
  }
  return null;
}

/**
 * The web posture of every answer and request (issue #10): no MIME sniffing, no referrer leaving the app,
 * HSTS over HTTPS, and state-changing requests from foreign origins refused before anything is read,
 * except on the routes whose contracts say they are called from any site (the widget's).
 */
export function registerWebSecurity(fastify: FastifyInstance, config: AppConfig): void {
  const ownHosts = config.PUBLIC_URL ? [new URL(config.PUBLIC_URL).host] : [];
  fastify.addHook('onRequest', async (request, reply) => {
    const route = routeOfRequest(request);
    if (route?.crossSite) return;
    const refusal = crossSiteRefusal(request, ownHosts);
    if (!refusal) return;
    const body: ApiError = { code: ErrorCode.CrossSiteRequest, message: `${refusal}; open the app itself to do this`, requestId: String(request.id) };
    await reply.status(errorHttpStatus[ErrorCode.CrossSiteRequest]).header('cache-control', 'no-store').send(body);
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    if (request.protocol === 'https') void reply.header('strict-transport-security', 'max-age=31536000');
  });
}
