import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id with the library's defaults (m=64 MiB, t=3), as OWASP suggests. */
@Injectable()
export class PasswordHasher {
  /** Verified against when the email is unknown, so both paths take the same time. */
  private readonly decoy = argon2.hash('not-a-real-password-decoy');

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    const target = hash ?? (await this.decoy);
    const ok = await argon2.verify(target, password).catch(() => false);
    return hash !== null && ok;
  }
}
