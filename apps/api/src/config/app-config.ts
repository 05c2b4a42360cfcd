import type { Env } from './env.schema';

/** Injection token of the parsed configuration; modules read settings from here, never from process.env. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export type AppConfig = Env & {
  /** The PostgreSQL URL in use: DATABASE_URL or the embedded server's. */
  databaseUrl: string;
};

/** Where people and platforms reach this API from outside: PUBLIC_URL, else this machine's own port. */
export function publicOrigin(config: Pick<AppConfig, 'PUBLIC_URL' | 'PORT'>): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}
