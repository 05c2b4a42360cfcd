import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import { NestFactory } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { MAX_ATTACHMENT_BYTES } from '@omnichannel/contracts';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { routerRefusal } from './common/errors/error-response';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { applyRateLimits, rateLimited } from './common/rate-limits';
import { watchRedis } from './common/redis-status';
import { registerWebSecurity } from './common/web-security';
import type { AppConfig } from './config/app-config';
import { PinoNestLogger, createLogger } from './logging/logger';
import { registerApiReference } from './openapi/api-reference';
import { RealtimeIoAdapter } from './realtime/redis-io.adapter';
import { registerWebAssets } from './web/static-web';

export interface CreatedApp {
  app: NestFastifyApplication;
  logger: Logger;
}

/** Builds the whole API (REST, sockets, queue, static web) for one configuration; the caller listens. */
export async function createApp(config: AppConfig): Promise<CreatedApp> {
  const logger = createLogger(config);
  const adapter = new FastifyAdapter({
    // Request start/end lines are noise at info level; Fastify logs them only when LOG_LEVEL is debug.
    loggerInstance: ['debug', 'trace'].includes(config.LOG_LEVEL) ? logger : logger.child({}, { level: 'warn' }),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1_048_576,
    genReqId: () => randomUUID(),
    frameworkErrors: (error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply) => {
      const { status, body } = routerRefusal(error, String(request.id));
      void reply.status(status).header('cache-control', 'no-store').send(body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
    // JSON bodies keep their bytes as request.rawBody: messenger webhooks are verified over them (issue #11).
    rawBody: true,
  });
  app.setGlobalPrefix('api');
  app.useWebSocketAdapter(new RealtimeIoAdapter(app, config.REDIS_URL));

  const fastify = app.getHttpAdapter().getInstance();
  // Errors raised before Nest's handler runs (body parsing, rate limits) get the contract's shape too.
  registerWebSecurity(fastify, config);
  await app.register(fastifyCookie);
  // CORE-7 uploads: one file per request, cut off at the size limit before it is stored.
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6 } });
  applyRateLimits(fastify, config);
  const redis = config.REDIS_URL ? watchRedis('rate limits', new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false })) : undefined;
  await app.register(fastifyRateLimit, {
    global: false,
    redis,
    skipOnError: true,
    errorResponseBuilder: (_request, context) => rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
  if (redis) fastify.addHook('onClose', async () => void (await redis.quit().catch(() => undefined)));

  const web = await registerWebAssets(fastify, config);
  registerApiReference(fastify);
  app.useGlobalFilters(
    new HttpExceptionFilter({
      spaFallback: (request, reply) => {
        if ((request.method !== 'GET' && request.method !== 'HEAD') || request.url.startsWith('/api/') || request.url.startsWith('/socket.io')) return false;
        web.sendSpa(reply);
        return true;
      },
      strictErrorCodes: config.NODE_ENV === 'test',
    }),
  );
  return { app, logger };
}
