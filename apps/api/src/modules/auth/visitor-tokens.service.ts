import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { VisitorPrincipal } from '../../common/principal';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { prepared, runPrepared } from '../../database/prepared';
import { VisitorSessionEntity } from './entities/visitor-session.entity';
import { hashToken, newToken } from './tokens';

/**
 * A token's last use is written at most this often, so a chatting visitor costs no write per message;
 * it is also how precisely the idle period is counted.
 */
const TOUCH_INTERVAL_MS = 60 * 60_000;

/** Every widget request and socket handshake checks its token here: prepared (database/prepared.ts). */
const SESSION_BY_TOKEN = prepared('visitor-session-by-token', 'SELECT id, client_id, channel_id, last_seen_at FROM visitor_sessions WHERE token_hash = $1');

/**
 * Mints and checks widget visitor tokens. A token opens one client's conversations on one channel, until
 * it has gone unused for VISITOR_TOKEN_IDLE_DAYS (issue #10 point 11): a token copied from a browser
 * long ago does not open the conversation for ever.
 */
@Injectable()
export class VisitorTokensService {
  constructor(
    @InjectRepository(VisitorSessionEntity) private readonly sessions: Repository<VisitorSessionEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async mint(clientId: string, channelId: string): Promise<string> {
    const token = newToken();
    await this.sessions.insert({ tokenHash: hashToken(token), clientId, channelId, lastSeenAt: new Date() });
    return token;
  }

  async authenticate(token: string | undefined): Promise<VisitorPrincipal | null> {
    if (!token || token.length < 20 || token.length > 200) return null;
    const [session] = await runPrepared<{ id: string; client_id: string; channel_id: string; last_seen_at: Date }>(this.sessions.manager, SESSION_BY_TOKEN, [
      hashToken(token),
    ]);
    if (!session) return null;
    const idleMs = Date.now() - session.last_seen_at.getTime();
    // Expired: the same answer as for a token that never existed.
    if (idleMs > this.config.VISITOR_TOKEN_IDLE_DAYS * 86_400_000) return null;
    if (idleMs > TOUCH_INTERVAL_MS) {
      await this.sessions.update({ id: session.id }, { lastSeenAt: new Date() });
    }
    return { kind: 'visitor', clientId: session.client_id, channelId: session.channel_id, sessionId: session.id };
  }
}
