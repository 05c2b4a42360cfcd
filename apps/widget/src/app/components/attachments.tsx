import type { Attachment } from '@omnichannel/contracts';
import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { useWidget } from '../widget-context';
import { CloseIcon, DownloadIcon, FileIcon } from './icons';

/** Opens an image in the panel's viewer; provided by the panel. */
export const ImageViewerContext = createContext<(attachment: Attachment) => void>(() => undefined);

/** The file's extension as a short label ("PDF"), from its name; text only. */
function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && name.length - dot <= 6 ? name.slice(dot + 1).toUpperCase() : '';
}

type ImageState = { status: 'loading' } | { status: 'failed' } | { status: 'loaded'; url: string };

/** The object URL of an image attachment, once fetched. */
function useImage(attachment: Attachment): ImageState {
  const { controller } = useWidget();
  const [image, setImage] = useState<ImageState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setImage({ status: 'loading' });
    controller.attachments.imageUrl(attachment).then(
      (url) => live && setImage({ status: 'loaded', url }),
      () => live && setImage({ status: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [controller, attachment.id]);
  return image;
}

function FileAttachment({ attachment }: { attachment: Attachment }) {
  const { controller, t, format } = useWidget();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const save = async () => {
    if (state === 'busy') return;
    setState('busy');
    try {
      await controller.attachments.save(attachment);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  const ext = extension(attachment.name);
  return (
    <button
      type="button"
      class="att att-file"
      data-testid="omni-attachment"
      data-kind="file"
      aria-label={t.downloadFile(attachment.name)}
      title={attachment.name}
      aria-busy={state === 'busy'}
      onClick={() => void save()}
    >
      <span class="att-icon" aria-hidden="true">
        <FileIcon />
      </span>
      <span class="att-text">
        <bdi class="att-name">{attachment.name}</bdi>
        <span class={state === 'failed' ? 'att-sub att-sub-error' : 'att-sub'}>
          {state === 'failed' ? t.downloadFailed : ext ? `${ext} · ${format.size(attachment.size)}` : format.size(attachment.size)}
        </span>
      </span>
      <span class={state === 'busy' ? 'att-action att-busy' : 'att-action'} aria-hidden="true">
        <DownloadIcon />
      </span>
    </button>
  );
}

function ImageAttachment({ attachment }: { attachment: Attachment }) {
  const { t } = useWidget();
  const view = useContext(ImageViewerContext);
  const image = useImage(attachment);
  if (image.status === 'failed') {
    return (
      <button type="button" class="att att-image att-image-failed" data-testid="omni-attachment" data-kind="image" data-state="failed" title={attachment.name} onClick={() => view(attachment)}>
        <span class="att-icon" aria-hidden="true">
          <FileIcon />
        </span>
        <span class="att-text">
          <bdi class="att-name">{attachment.name}</bdi>
          <span class="att-sub">{t.imageFailed}</span>
        </span>
      </button>
    );
  }
  return (
    <button
      type="button"
      class="att att-image"
      data-testid="omni-attachment"
      data-kind="image"
      data-state={image.status}
      aria-label={t.openImage(attachment.name)}
      title={attachment.name}
      onClick={() => view(attachment)}
    >
      {image.status === 'loaded' ? <img src={image.url} alt={attachment.name} draggable={false} /> : <span class="att-placeholder" aria-hidden="true" />}
    </button>
  );
}

/** A message's files: images as thumbnails that open the viewer, other files as cards that download. */
export function AttachmentList({ items }: { items: readonly Attachment[] }) {
  if (items.length === 0) return null;
  const images = items.filter((a) => a.isImage);
  const files = items.filter((a) => !a.isImage);
  return (
    <div class="attachments">
      {images.map((a) => (
        <ImageAttachment key={a.id} attachment={a} />
      ))}
      {files.map((a) => (
        <FileAttachment key={a.id} attachment={a} />
      ))}
    </div>
  );
}

/** The full image over the panel; Escape, the close button or a click beside the image closes it. */
export function ImageViewer({ attachment, onClose }: { attachment: Attachment; onClose: () => void }) {
  const { controller, t } = useWidget();
  const image = useImage(attachment);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div
      class="viewer"
      data-testid="omni-viewer"
      role="dialog"
      aria-modal="true"
      aria-label={attachment.name}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget || (e.target as HTMLElement).classList.contains('viewer-stage')) onClose();
      }}
    >
      <div class="viewer-bar">
        <bdi class="viewer-name">{attachment.name}</bdi>
        <button type="button" class="viewer-button" aria-label={t.downloadFile(attachment.name)} title={t.download} onClick={() => void controller.attachments.save(attachment).catch(() => undefined)}>
          <DownloadIcon />
        </button>
        <button ref={closeButton} type="button" class="viewer-button" data-testid="omni-viewer-close" aria-label={t.closeImage} title={t.closeImage} onClick={onClose}>
          <CloseIcon size={18} />
        </button>
      </div>
      <div class="viewer-stage">
        {image.status === 'failed' ? (
          <p class="viewer-note">{t.imageFailed}</p>
        ) : image.status === 'loaded' ? (
          <img src={image.url} alt={attachment.name} />
        ) : (
          <span class="viewer-spinner" aria-hidden="true" />
        )}
      </div>
    </div>
  );
}
