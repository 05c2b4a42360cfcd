import { Injectable } from '@nestjs/common';
import { ChannelSecrets } from './channel-secrets.service';
import { FileLinks } from './file-links';

/** The signed links of replies' files (file-links.ts), keyed from the channel secrets key. */
@Injectable()
export class ChannelFileLinks {
  private links: FileLinks | null = null;

  constructor(private readonly secrets: ChannelSecrets) {}

  token(attachmentId: string): string {
    return this.get().token(attachmentId);
  }

  attachmentOf(token: string): string | null {
    return this.get().attachmentOf(token);
  }

  get(): FileLinks {
    this.links ??= new FileLinks(this.secrets.derivedKey('file-links'));
    return this.links;
  }
}
