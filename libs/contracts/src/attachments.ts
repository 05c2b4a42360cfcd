import { z } from 'zod';
import { uuidSchema } from './common';

/** CORE-7: a file of a conversation; downloaded from `url` by those allowed to see the ticket. */
export const attachmentSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  /** A raster image shown as a preview (never SVG). */
  isImage: z.boolean(),
  url: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** The file types accepted, by their content (magic bytes), not their names. */
export const allowedAttachmentTypes = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'audio/ogg',
  'audio/mpeg',
  'video/mp4',
  /** Text has no magic bytes: accepted when the bytes are UTF-8 without NUL characters. */
  'text/plain',
] as const;
export type AllowedAttachmentType = (typeof allowedAttachmentTypes)[number];
