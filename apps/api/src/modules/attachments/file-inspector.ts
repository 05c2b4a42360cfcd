import { allowedAttachmentTypes, type AllowedAttachmentType } from '@omnichannel/contracts';
import { fromBuffer } from 'file-type';

const RASTER_IMAGES = new Set<string>(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const allowed = new Set<string>(allowedAttachmentTypes);

export interface Inspection {
  mime: AllowedAttachmentType;
  isImage: boolean;
}

/**
 * What a file really is, from its bytes (magic numbers), never from its name or the browser's claim.
 * Text has no magic bytes: it passes as text/plain when it decodes as UTF-8 and holds no NUL byte. SVG
 * and HTML are text too — they are stored as text/plain and always served as downloads, never rendered.
 */
export async function inspectFile(bytes: Buffer): Promise<Inspection | null> {
  const detected = await fromBuffer(bytes);
  if (detected) {
    if (!allowed.has(detected.mime)) return null;
    return { mime: detected.mime as AllowedAttachmentType, isImage: RASTER_IMAGES.has(detected.mime) };
  }
  if (bytes.length === 0 || bytes.includes(0)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return { mime: 'text/plain', isImage: false };
}

/** A file name safe to store and to send back in Content-Disposition: no paths, no control characters. */
export function cleanFileName(name: string | undefined): string {
  // Browsers escape '"', CR and LF in multipart file names as %22, %0D and %0A (WHATWG form encoding).
  const decoded = (name ?? '').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
  const base = decoded.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069"]/g, '').trim().slice(0, 200);
  return cleaned || 'file';
}
