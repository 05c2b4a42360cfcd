import type { MultipartFile } from '@fastify/multipart';
import { ErrorCode } from '@omnichannel/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error';
import { fileTooLarge, type AttachmentsService, type StoredAttachment } from './attachments.service';

/** Reads the one file of a multipart upload; an over-large file is refused before it is stored. */
export async function readUpload(request: FastifyRequest): Promise<{ fileName: string; bytes: Buffer }> {
  if (!request.isMultipart()) throw new AppError(ErrorCode.NoFile, 'Send the file as multipart/form-data in the field "file"');
  let file: MultipartFile | undefined;
  try {
    file = await request.file();
    if (!file) throw new AppError(ErrorCode.NoFile, 'No file in the request');
    const bytes = await file.toBuffer();
    // The parser cuts the stream at the limit; when the cut falls on the last chunk it does not throw, so
    // the truncation flag is checked here too.
    if (file.file.truncated) throw fileTooLarge();
    return { fileName: file.filename, bytes };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const { code, statusCode } = error as { code?: string; statusCode?: number };
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
    // The plugin's own refusals (too many parts or files: 413) keep their status.
    if (typeof statusCode === 'number' && statusCode < 500) throw error;
    // Only the request's bytes are read here (nothing is stored yet), so anything else the parser throws
    // is the client's body: no boundary in the content type, or a body cut off before its last boundary.
    throw new AppError(ErrorCode.ValidationFailed, 'The upload is not a complete multipart/form-data body (a boundary in the content type, the file, then the closing boundary)');
  }
}

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Sends a stored file so that it can never run in our origin: always as a download (an <img> still
 * shows a raster image), with its checked type, no sniffing, and a sandboxing CSP.
 */
export function sendAttachment(reply: FastifyReply, attachments: AttachmentsService, attachment: StoredAttachment): FastifyReply {
  return reply
    .header('content-type', attachment.mime)
    .header('content-length', String(attachment.size))
    .header('content-disposition', contentDisposition(attachment.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=3600')
    .send(attachments.open(attachment));
}
