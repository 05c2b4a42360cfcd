import { z } from 'zod';
import { publicAccess } from './access';
import { defineRoutes } from './define-route';

/**
 * `degraded`: the instance serves requests, but a Redis connection is down (live events between
 * instances and shared rate limits wait for it; sockets resync when it is back).
 */
export const healthSchema = z.object({ status: z.enum(['ok', 'degraded']), redis: z.enum(['ok', 'down', 'unused']).optional() });

/** An OpenAPI 3.1 document (see docs/openapi.json); its own shape is OpenAPI's. */
export const openApiDocumentSchema = z.record(z.string(), z.unknown());

export const systemRoutes = defineRoutes('system', {
  health: {
    summary: 'Health check',
    description: 'For load balancers and start-up checks: 200 once the database answers (`degraded` while Redis is away), 503 DATABASE_UNAVAILABLE while it does not.',
    access: publicAccess,
    response: healthSchema,
  },
  openapi: {
    summary: 'This API as an OpenAPI 3.1 document',
    description: 'The human-readable reference is served at /api/docs.',
    access: publicAccess,
    response: openApiDocumentSchema,
  },
});
