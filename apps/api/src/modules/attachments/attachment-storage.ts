import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/**
 * Files on local disk (CORE-7): the key is chosen by the server (a UUID), never a user's file name, so no
 * path from a request ever reaches the file system. Several API instances need a shared directory.
 */
@Injectable()
export class AttachmentStorage {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.ATTACHMENTS_DIR ?? join(config.DATA_DIR, 'attachments'));
  }

  async write(key: string, bytes: Buffer): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await writeFile(this.path(key), bytes, { mode: 0o600, flag: 'wx' });
  }

  read(key: string): ReadStream {
    return createReadStream(this.path(key));
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  private path(key: string): string {
    if (!/^[0-9a-f-]{36}$/.test(key)) throw new Error('Invalid storage key');
    return join(this.root, key);
  }
}
