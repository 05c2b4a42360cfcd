import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config';

function emailOf(request: FastifyRequest): string {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase().slice(0, 254) : '';
}

/**
 * Rate limits of the public endpoints. Counters live in Redis when REDIS_URL is set, so they hold
 * across API instances. Attached by route, before the rate-limit plugin reads route configs.
 */
export function applyRateLimits(fastify: FastifyInstance, config: AppConfig): void {
  const rules: Record<string, object> = {
    'POST /api/auth/sign-in': {
      max: config.SIGNIN_RATE_LIMIT,
      timeWindow: '5 minutes',
      hook: 'preHandler',
      keyGenerator: (request: FastifyRequest) => `sign-in:${request.ip}:${emailOf(request)}`,
    },
    'POST /api/widget/sessions': {
      max: config.WIDGET_SESSION_RATE_LIMIT,
      timeWindow: '1 hour',
      keyGenerator: (request: FastifyRequest) => `widget-session:${request.ip}`,
    },
  };
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const rule = rules[`${method} ${route.url}`];
      if (rule) route.config = { ...route.config, rateLimit: rule };
    }
  });
}
