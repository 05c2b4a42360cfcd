import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { loadSecretsKey, SecretBox } from './secret-box';

/**
 * The channels' sealed credentials (issue #11 point 4). The key is read, or generated into DATA_DIR, on
 * first use rather than at boot: an installation with only the widget never writes one.
 */
@Injectable()
export class ChannelSecrets {
  private box: SecretBox | null = null;
  private key: Buffer | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  seal(secrets: Readonly<Record<string, string>>): string {
    return this.secretBox().seal(secrets);
  }

  open(sealed: string): Record<string, string> {
    return this.secretBox().open(sealed);
  }

  /** A key for one purpose (the signed file links a platform downloads from), derived from the secrets key. */
  derivedKey(purpose: string): Buffer {
    this.key ??= loadSecretsKey(this.config);
    return createHmac('sha256', this.key).update(`omnichannel:${purpose}`).digest();
  }

  private secretBox(): SecretBox {
    this.key ??= loadSecretsKey(this.config);
    this.box ??= SecretBox.withKey(this.key);
    return this.box;
  }
}
