import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loggableError } from '../../common/errors/error-response';
import { updatedRows } from '../../common/sql';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AttachmentStorage } from './attachment-storage';

const SWEEP_EVERY_MS = 10 * 60_000;
const BATCH = 500;

/**
 * Uploads never attached to a message or a template are deleted after UNATTACHED_UPLOAD_TTL_HOURS, the
 * row and then the stored file (issue #10 point 7). Every instance sweeps every ten minutes; a row goes to
 * exactly one of them (SKIP LOCKED), and one being attached at that moment is left alone (its UPDATE
 * holds the row, or the re-checked condition no longer matches).
 */
@Injectable()
export class AttachmentsJanitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AttachmentsJanitor');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: AttachmentStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    try {
      await this.removeUnattached();
    } catch (error) {
      this.logger.warn({ err: loggableError(error), msg: 'Removing unattached uploads failed' });
    }
  }

  /** Deletes the expired unattached uploads in bounded batches; returns how many rows went. */
  async removeUnattached(): Promise<number> {
    let removed = 0;
    for (;;) {
      const deleted = updatedRows<{ storage_key: string }>(
        await this.dataSource.query(
          `DELETE FROM attachments WHERE id IN (
             SELECT id FROM attachments
              WHERE message_id IS NULL AND template_id IS NULL AND created_at < now() - make_interval(hours => $1)
                -- A client's picture is kept while their identity refers to it.
                AND NOT EXISTS (SELECT 1 FROM client_identities i WHERE i.avatar_attachment_id = attachments.id)
              ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
           RETURNING storage_key`,
          [this.config.UNATTACHED_UPLOAD_TTL_HOURS, BATCH],
        ),
      );
      // A file is removed only once no row refers to it any more.
      const orphans = await this.dataSource.query<{ key: string }[]>(
        'SELECT DISTINCT k AS key FROM unnest($1::text[]) k WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.storage_key = k)',
        [deleted.map((d) => d.storage_key)],
      );
      for (const { key } of orphans) await this.storage.remove(key);
      removed += deleted.length;
      if (deleted.length < BATCH) return removed;
    }
  }
}
