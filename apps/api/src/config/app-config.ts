import type { Env } from './env.schema';

/** Injection token of the parsed configuration; modules read settings from here, never from process.env. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export type AppConfig = Env & {
  /** The PostgreSQL URL in use: DATABASE_URL or the embedded server's. */
  databaseUrl: string;
};
