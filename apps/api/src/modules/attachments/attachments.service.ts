import { randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { ErrorCode, MAX_ATTACHMENT_BYTES, type Attachment } from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { updatedRows } from '../../common/sql';
import { AttachmentStorage } from './attachment-storage';
import { blockedExtension, cleanFileName, inspectFile } from './file-inspector';

/** Who uploads or sends: an employee or a client (widget visitor). */
export type Uploader = { employeeId: string } | { clientId: string };

export interface StoredAttachment {
  id: string;
  name: string;
  mime: string;
  size: number;
  isImage: boolean;
  storageKey: string;
  messageId: string | null;
  ticketId: string | null;
  templateId: string | null;
  uploadedByEmployeeId: string | null;
  uploadedByClientId: string | null;
  /** The kind of the message it belongs to (a visitor never gets a comment's file). */
  messageKind: string | null;
}

interface AttachmentRow {
  id: string;
  name: string;
  mime: string;
  size: number;
  is_image: boolean;
  storage_key: string;
  message_id: string | null;
  ticket_id: string | null;
  template_id: string | null;
  uploaded_by_employee_id: string | null;
  uploaded_by_client_id: string | null;
  message_kind: string | null;
}

/** The public shape; `base` is where this reader downloads files (employee or visitor route). */
/** Where a visitor downloads files: their own route, authorised by their token. */
export const VISITOR_ATTACHMENTS = '/api/widget/attachments';

export function toAttachment(a: { id: string; name: string; mime: string; size: number; isImage: boolean }, base = '/api/attachments'): Attachment {
  return { id: a.id, name: a.name, mime: a.mime, size: a.size, isImage: a.isImage, url: `${base}/${a.id}` };
}

/**
 * CORE-7 attachments: files are checked on their bytes, stored under server-chosen keys, then linked to
 * exactly one message or template. Who may download is decided by the owner of the link (the ticket).
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: AttachmentStorage,
  ) {}

  async upload(fileName: string | undefined, bytes: Buffer, uploader: Uploader): Promise<Attachment> {
    if (bytes.length > MAX_ATTACHMENT_BYTES) throw fileTooLarge();
    const name = cleanFileName(fileName);
    const extension = blockedExtension(name);
    if (extension) throw new AppError(ErrorCode.FileTypeNotAllowed, `Programs and scripts are not accepted (.${extension} files)`);
    const inspection = await inspectFile(bytes);
    if (!inspection) {
      throw new AppError(ErrorCode.FileTypeNotAllowed, 'This type of file is not accepted (images, PDF, office documents, archives, audio, video and text are)');
    }
    const id = randomUUID();
    const storageKey = randomUUID();
    await this.storage.write(storageKey, bytes);
    try {
      await this.dataSource.query(
        `INSERT INTO attachments (id, name, mime, size, is_image, storage_key, uploaded_by_employee_id, uploaded_by_client_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, name, inspection.mime, bytes.length, inspection.isImage, storageKey, employeeOf(uploader), clientOf(uploader)],
      );
    } catch (error) {
      await this.storage.remove(storageKey);
      throw error;
    }
    // A visitor fetches files through the widget's own route, an employee through the workspace's.
    const base = 'employeeId' in uploader ? undefined : VISITOR_ATTACHMENTS;
    return toAttachment({ id, name, mime: inspection.mime, size: bytes.length, isImage: inspection.isImage }, base);
  }

  /**
   * Links files to a new message, inside the message's transaction. Allowed: the sender's own uploads not
   * linked yet, and (employees) files of templates, which are copied (the same bytes, a new row).
   */
  async linkToMessage(m: EntityManager, ids: string[], uploader: Uploader, messageId: string, ticketId: string): Promise<void> {
    for (const [position, id] of [...new Set(ids)].entries()) {
      const own: unknown = await m.query(
        `UPDATE attachments SET message_id = $2, ticket_id = $3, position = $6
          WHERE id = $1 AND message_id IS NULL AND template_id IS NULL
            AND (uploaded_by_employee_id = $4 OR uploaded_by_client_id = $5)
          RETURNING id`,
        [id, messageId, ticketId, employeeOf(uploader), clientOf(uploader), position],
      );
      if (updatedRows(own).length > 0) continue;
      const copied = 'employeeId' in uploader
        ? await m.query<{ id: string }[]>(
            `INSERT INTO attachments (name, mime, size, is_image, storage_key, uploaded_by_employee_id, message_id, ticket_id, position)
             SELECT name, mime, size, is_image, storage_key, $2, $3, $4, $5 FROM attachments WHERE id = $1 AND template_id IS NOT NULL
             RETURNING id`,
            [id, uploader.employeeId, messageId, ticketId, position],
          )
        : [];
      if (copied.length === 0) throw new AppError(ErrorCode.AttachmentNotFound, 'One of the files was not found; upload it again');
    }
  }

  /** A template's files, copied onto a new message in their order (the same bytes, new rows). */
  async copyTemplateFiles(m: EntityManager, templateId: string, messageId: string, ticketId: string, employeeId: string | null): Promise<void> {
    await m.query(
      `INSERT INTO attachments (name, mime, size, is_image, storage_key, uploaded_by_employee_id, message_id, ticket_id, position)
       SELECT name, mime, size, is_image, storage_key, $4, $2, $3, position FROM attachments WHERE template_id = $1`,
      [templateId, messageId, ticketId, employeeId],
    );
  }

  /** SET-1: the files of merged replies move to the reply that merges them. */
  async moveToMessage(m: EntityManager, fromMessageIds: string[], toMessageId: string): Promise<void> {
    await m.query('UPDATE attachments SET message_id = $1 WHERE message_id = ANY($2::uuid[])', [toMessageId, fromMessageIds]);
  }

  /** Makes a template's files exactly these (own new uploads, or files it already has). */
  async setTemplateFiles(m: EntityManager, templateId: string, ids: string[], employeeId: string): Promise<void> {
    const keep = [...new Set(ids)];
    await m.query('DELETE FROM attachments WHERE template_id = $1 AND NOT (id = ANY($2::uuid[]))', [templateId, keep]);
    for (const [position, id] of keep.entries()) {
      const linked: unknown = await m.query(
        `UPDATE attachments SET template_id = $2, position = $4
          WHERE id = $1 AND message_id IS NULL AND (template_id = $2 OR (template_id IS NULL AND uploaded_by_employee_id = $3))
          RETURNING id`,
        [id, templateId, employeeId, position],
      );
      if (updatedRows(linked).length === 0) throw new AppError(ErrorCode.AttachmentNotFound, 'One of the files was not found; upload it again');
    }
  }

  async find(id: string): Promise<StoredAttachment | null> {
    const [row] = await this.dataSource.query<AttachmentRow[]>(
      `SELECT a.*, m.kind AS message_kind FROM attachments a LEFT JOIN messages m ON m.id = a.message_id WHERE a.id = $1`,
      [id],
    );
    return row
      ? {
          id: row.id,
          name: row.name,
          mime: row.mime,
          size: row.size,
          isImage: row.is_image,
          storageKey: row.storage_key,
          messageId: row.message_id,
          ticketId: row.ticket_id,
          templateId: row.template_id,
          uploadedByEmployeeId: row.uploaded_by_employee_id,
          uploadedByClientId: row.uploaded_by_client_id,
          messageKind: row.message_kind,
        }
      : null;
  }

  open(attachment: StoredAttachment): ReadStream {
    return this.storage.read(attachment.storageKey);
  }
}

export function fileTooLarge(): AppError {
  return new AppError(ErrorCode.FileTooLarge, `A file may be at most ${Math.round(MAX_ATTACHMENT_BYTES / 1024 / 1024)} MB`);
}

function employeeOf(u: Uploader): string | null {
  return 'employeeId' in u ? u.employeeId : null;
}

function clientOf(u: Uploader): string | null {
  return 'clientId' in u ? u.clientId : null;
}
