import { z } from 'zod';

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

/** A 32-byte key written as 64 hex digits or base64 (null: not such a key). */
export function secretsKeyBytes(text: string): Buffer | null {
  const trimmed = text.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : null;
  return bytes?.length === 32 ? bytes : null;
}

/** The whole configuration, parsed once at boot; a bad value stops the process and names the key. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** PostgreSQL to use; when absent an embedded PostgreSQL is started under DATA_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(20),
  DATA_DIR: z.string().min(1).default('./.data'),
  /** Where attachments are stored (CORE-7); default: DATA_DIR/attachments. Shared storage when scaling out. */
  ATTACHMENTS_DIR: z.string().min(1).optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65_535).default(54329),
  /** With REDIS_URL several API instances share socket rooms (socket.io Redis adapter) and rate limits. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  SEED_DEMO: flag(true),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  DEMO_WIDGET_KEY: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('demo'),
  /** Set by `npm start`: a local fake of the Telegram Bot API the demo connects a bot on (issue #11). */
  DEMO_TELEGRAM_API: z.url().optional(),
  DEMO_TELEGRAM_TOKEN: z.string().optional(),
  /** Without demo data: the first administrator, created when no employee exists yet. */
  ADMIN_EMAIL: z.email('must be an email address').optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /**
   * The key messenger channels' secrets (bot tokens, app secrets) are encrypted with at rest (issue #11):
   * 32 bytes as base64 or hex. Unset: generated once into DATA_DIR/channel-secrets.key. Every instance of a
   * scaled-out deployment needs the same one.
   */
  CHANNEL_SECRETS_KEY: z
    .string()
    .refine((v) => secretsKeyBytes(v) !== null, 'must be 32 bytes as base64 or 64 hex digits (e.g. openssl rand -base64 32)')
    .optional(),
  /**
   * Public origin used in the widget snippet shown to administrators and in the messengers' webhook URLs,
   * e.g. https://chat.example.com (unset: http://localhost:PORT, which no platform can reach).
   */
  PUBLIC_URL: z.url().optional(),
  /** CHN-6: the messengers' API addresses (a proxy, or a local fake); a channel's own setting wins. */
  TELEGRAM_API_BASE: z.url().default('https://api.telegram.org'),
  VK_API_BASE: z.url().default('https://api.vk.com'),
  VIBER_API_BASE: z.url().default('https://chatapi.viber.com'),
  OK_API_BASE: z.url().default('https://api.ok.ru'),
  TRUST_PROXY: flag(false),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 14),
  /** A widget visitor's token stops opening anything after this many days without use (issue #10 point 11). */
  VISITOR_TOKEN_IDLE_DAYS: z.coerce.number().int().min(1).max(3_650).default(30),
  SIGNIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  WIDGET_SESSION_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  /** Messages one visitor may send per window, over REST and all their sockets together, on every instance. */
  VISITOR_MESSAGE_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  VISITOR_MESSAGE_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(10),
  /** A visitor's upload quota per hour: files, and their megabytes. */
  VISITOR_UPLOAD_FILES_PER_HOUR: z.coerce.number().int().min(1).default(20),
  VISITOR_UPLOAD_MB_PER_HOUR: z.coerce.number().int().min(1).default(50),
  /** Uploads never attached to a message (or template) are deleted, row and file, after this many hours. */
  UNATTACHED_UPLOAD_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24),
  /** How often each instance looks for passed deadlines, unanswered requests and stuck queues (DSP-3, DSP-6, SLA-2). */
  DISPATCH_SWEEP_MS: z.coerce.number().int().min(50).max(600_000).default(5_000),
  /** Whether this instance runs the durable event consumers (rules, SLA); off for instances that only serve requests. */
  EVENT_CONSUMERS: flag(true),
  /** How often consumers look at the event log when no notification woke them (a safety net). */
  EVENT_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /** How long the event log keeps events once every consumer has read them. */
  EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(30),
  /**
   * Jobs (deliveries, messenger events) this instance runs at once; 0 for an instance that only serves
   * requests and sockets and leaves its jobs to the others (a webhook front, say).
   */
  WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(100).default(10),
  /**
   * A delivery worker's lease (issue #16): each instance renews its live workers every fifth of it; the jobs
   * of a worker not renewed for this long (its process died, its connection is gone) are taken over by any
   * instance.
   */
  QUEUE_LEASE_SECONDS: z.coerce.number().int().min(2).max(3_600).default(15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** pretty: human-readable lines; json: one JSON object per line (for log collectors); auto: pretty on a terminal. */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  OPERATOR_DIST: z.string().optional(),
  WIDGET_DIST: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export class InvalidEnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new InvalidEnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
