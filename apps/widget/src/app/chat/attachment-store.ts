import type { Attachment } from '@omnichannel/contracts';
import { widgetApi } from '../lib/api';

/**
 * The bytes of conversation files for the visitor (WGT-9). Their URLs need the visitor token in a header,
 * so images are fetched and shown through object URLs (kept for the page's life, as they stay on
 * screen), and other files are saved through a short-lived object URL. A file the visitor uploaded on
 * this page is never fetched back: its local copy is used.
 */
export class AttachmentStore {
  private readonly local = new Map<string, Blob>();
  private readonly imageUrls = new Map<string, Promise<string>>();

  constructor(private readonly token: () => string | null) {}

  /** A file just uploaded from this page. */
  remember(attachmentId: string, blob: Blob): void {
    this.local.set(attachmentId, blob);
  }

  /** An object URL of an image attachment, for <img src>; the same one for every view of it. */
  imageUrl(attachment: Attachment): Promise<string> {
    let url = this.imageUrls.get(attachment.id);
    if (!url) {
      url = this.blob(attachment).then((blob) => URL.createObjectURL(blob));
      // A failure is not cached: the next render tries again.
      url.catch(() => this.imageUrls.delete(attachment.id));
      this.imageUrls.set(attachment.id, url);
    }
    return url;
  }

  /** Saves the file under its own name, through a temporary link with the download attribute. */
  async save(attachment: Attachment): Promise<void> {
    const cached = this.imageUrls.get(attachment.id);
    const url = cached ? await cached : URL.createObjectURL(await this.blob(attachment));
    const link = document.createElement('a');
    link.href = url;
    link.download = attachment.name;
    link.rel = 'noopener';
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The download has read the URL by the time this runs; an image's URL stays (it is on screen).
    if (!cached) window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }

  private blob(attachment: Attachment): Promise<Blob> {
    const local = this.local.get(attachment.id);
    if (local) return Promise.resolve(local);
    const token = this.token();
    if (!token) return Promise.reject(new Error('No visitor session'));
    return widgetApi.download(token, attachment.id);
  }
}
