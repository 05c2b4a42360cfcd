import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { VisitorPrincipal } from '../../common/principal';
import { VisitorSessionEntity } from './entities/visitor-session.entity';
import { hashToken, newToken } from './tokens';

const TOUCH_INTERVAL_MS = 60 * 60_000;

/** Mints and checks widget visitor tokens. A token opens one client's conversations on one channel. */
@Injectable()
export class VisitorTokensService {
  constructor(@InjectRepository(VisitorSessionEntity) private readonly sessions: Repository<VisitorSessionEntity>) {}

  async mint(clientId: string, channelId: string): Promise<string> {
    const token = newToken();
    await this.sessions.insert({ tokenHash: hashToken(token), clientId, channelId, lastSeenAt: new Date() });
    return token;
  }

  async authenticate(token: string | undefined): Promise<VisitorPrincipal | null> {
    if (!token || token.length < 20 || token.length > 200) return null;
    const session = await this.sessions.findOneBy({ tokenHash: hashToken(token) });
    if (!session) return null;
    if (Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.sessions.update({ id: session.id }, { lastSeenAt: new Date() });
    }
    return { kind: 'visitor', clientId: session.clientId, channelId: session.channelId, sessionId: session.id };
  }
}
