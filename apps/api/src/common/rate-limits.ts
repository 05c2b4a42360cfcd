import { ErrorCode, type RateLimitedDetails, type RouteId } from '@omnichannel/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config';
import { AppError } from './errors/app-error';

/** Every RATE_LIMITED refusal, REST and socket: the seconds to wait, also sent as `Retry-After`. */
export function rateLimited(retryAfter: number, message = `Too many attempts; try again in ${retryAfter} s`): AppError {
  return new AppError(ErrorCode.RateLimited, message, { retryAfter } satisfies RateLimitedDetails);
}

/**
 * Routes whose limit is a visitor's, not an address's: counted by VisitorLimits (widget module) in the
 * service, so REST and sockets share it.
 */
export const visitorLimitedRoutes: readonly RouteId[] = ['widget.sendMessage', 'widget.upload'];

function emailOf(request: FastifyRequest): string {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase().slice(0, 254) : '';
}

/** The limits of the public endpoints, by route id and address; with visitorLimitedRoutes, exactly the routes whose contracts say `rateLimited`. */
export function rateLimitRules(config: AppConfig): Partial<Record<RouteId, object>> {
  return {
    'auth.signIn': {
      max: config.SIGNIN_RATE_LIMIT,
      timeWindow: '5 minutes',
      hook: 'preHandler',
      keyGenerator: (request: FastifyRequest) => `sign-in:${request.ip}:${emailOf(request)}`,
    },
    'widget.createSession': {
      max: config.WIDGET_SESSION_RATE_LIMIT,
      timeWindow: '1 hour',
      keyGenerator: (request: FastifyRequest) => `widget-session:${request.ip}`,
    },
  };
}

/**
 * Attaches the rate limits to their routes (found by the route id @Route keeps in the route config),
 * before the rate-limit plugin reads route configs. Counters live in Redis when REDIS_URL is set, so they
 * hold across API instances.
 */
export function applyRateLimits(fastify: FastifyInstance, config: AppConfig): void {
  const rules = rateLimitRules(config);
  fastify.addHook('onRoute', (route) => {
    const { routeId } = (route.config ?? {}) as { routeId?: RouteId };
    const rule = routeId ? rules[routeId] : undefined;
    if (rule) route.config = { ...route.config, rateLimit: rule };
  });
}
