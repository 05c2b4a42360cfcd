import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../../common/rate-limits';
import { watchRedis } from '../../common/redis-status';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

const HOUR_SECONDS = 3600;

/**
 * What one visitor may do per window, whatever carries it (REST, any number of their sockets) and
 * whichever instance serves it: the counters are keyed by the visitor (their client id) and live in Redis
 * when REDIS_URL is set, in this process otherwise (one instance). Should Redis fail, each instance
 * counts on its own until it is back rather than refusing everyone.
 */
@Injectable()
export class VisitorLimits implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('VisitorLimits');
  private readonly redis: Redis | undefined;
  private readonly messages: RateLimiterAbstract;
  private readonly uploadFiles: RateLimiterAbstract;
  private readonly uploadBytes: RateLimiterAbstract;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = config.REDIS_URL
      ? watchRedis('visitor limits', new Redis(config.REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 }))
      : undefined;
    this.messages = this.limiter('visitor-messages', config.VISITOR_MESSAGE_RATE_LIMIT, config.VISITOR_MESSAGE_RATE_WINDOW_SECONDS);
    this.uploadFiles = this.limiter('visitor-upload-files', config.VISITOR_UPLOAD_FILES_PER_HOUR, HOUR_SECONDS);
    this.uploadBytes = this.limiter('visitor-upload-bytes', config.VISITOR_UPLOAD_MB_PER_HOUR * 1024 * 1024, HOUR_SECONDS);
  }

  /** Connected before the first request, so the first counts are shared too. */
  async onModuleInit(): Promise<void> {
    await this.redis?.connect().catch((error: unknown) => this.logger.warn(`Redis unavailable, visitor limits count per instance until it is back: ${String(error)}`));
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  /** One message (issue #10 point 6); refused with RATE_LIMITED and the seconds to wait. */
  async message(clientId: string): Promise<void> {
    await this.consume(this.messages, clientId, 1, 'You are sending messages too fast');
  }

  /** One upload of this size against the hourly quota of files and bytes (issue #10 point 7). */
  async upload(clientId: string, bytes: number): Promise<void> {
    await this.consume(this.uploadFiles, clientId, 1, 'You have sent too many files this hour');
    try {
      await this.consume(this.uploadBytes, clientId, Math.max(1, bytes), 'You have sent too many megabytes of files this hour');
    } catch (error) {
      await this.uploadFiles.reward(clientId, 1).catch(() => undefined);
      throw error;
    }
  }

  /** An upload counted but then refused (its type) is given back. */
  async refundUpload(clientId: string, bytes: number): Promise<void> {
    await Promise.all([this.uploadFiles.reward(clientId, 1), this.uploadBytes.reward(clientId, Math.max(1, bytes))]).catch(() => undefined);
  }

  private limiter(name: string, points: number, duration: number): RateLimiterAbstract {
    const memory = new RateLimiterMemory({ keyPrefix: name, points, duration });
    if (!this.redis) return memory;
    return new RateLimiterRedis({ storeClient: this.redis, keyPrefix: `omni:${name}`, points, duration, insuranceLimiter: memory });
  }

  private async consume(limiter: RateLimiterAbstract, key: string, points: number, message: string): Promise<void> {
    try {
      await limiter.consume(key, points);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      // A refused attempt does not eat the budget: only what was let through counts.
      await limiter.reward(key, points).catch(() => undefined);
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rateLimited(retryAfter, `${message}; try again in ${retryAfter} s`);
    }
  }
}
