import { ApiRequestError, ErrorCode, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE, type Attachment } from '@omnichannel/contracts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { upload } from '../../../lib/api-client';

export interface PendingFile {
  key: string;
  name: string;
  size: number;
  mime: string;
  state: 'uploading' | 'done' | 'failed';
  /** 0…1 while uploading. */
  progress: number;
  attachment: Attachment | null;
  /** Why the server (or the size check) refused the file. */
  error: { code: string; message: string } | null;
  /** A thumbnail for images: the local file while it uploads, else the stored copy. */
  preview: string | null;
}

const fromAttachment = (attachment: Attachment): PendingFile => ({
  key: attachment.id,
  name: attachment.name,
  size: attachment.size,
  mime: attachment.mime,
  state: 'done',
  progress: 1,
  attachment,
  error: null,
  preview: attachment.isImage ? attachment.url : null,
});

const PREVIEWABLE = /^image\/(png|jpeg|gif|webp)$/;

/**
 * Files being attached to a message or a template: each uploads at once, shows its progress, and a
 * refused one keeps its reason until removed; it is never sent.
 */
export function useUploads(initial: readonly Attachment[] = [], limit = MAX_ATTACHMENTS_PER_MESSAGE) {
  const [files, setFiles] = useState<PendingFile[]>(() => initial.map(fromAttachment));
  const uploads = useRef(new Map<string, AbortController>());
  /** Object URLs of local previews, released when their file goes. */
  const previews = useRef(new Map<string, string>());

  useEffect(() => {
    const running = uploads.current;
    const urls = previews.current;
    return () => {
      running.forEach((controller) => controller.abort());
      urls.forEach((url) => URL.revokeObjectURL(url));
      urls.clear();
    };
  }, []);

  const release = useCallback((key?: string) => {
    for (const [k, url] of previews.current) {
      if (key !== undefined && k !== key) continue;
      URL.revokeObjectURL(url);
      previews.current.delete(k);
    }
  }, []);

  const patch = useCallback((key: string, change: Partial<PendingFile>) => {
    setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...change } : f)));
  }, []);

  /** Starts uploading; returns how many files were left out because the message would carry too many. */
  const add = useCallback(
    (incoming: readonly File[]): number => {
      const room = Math.max(0, limit - files.filter((f) => f.state !== 'failed').length);
      const taken = incoming.slice(0, room);
      const added: PendingFile[] = taken.map((file) => {
        const key = crypto.randomUUID();
        const tooLarge = file.size > MAX_ATTACHMENT_BYTES;
        let preview: string | null = null;
        if (!tooLarge && PREVIEWABLE.test(file.type)) {
          preview = URL.createObjectURL(file);
          previews.current.set(key, preview);
        }
        return {
          key,
          name: file.name,
          size: file.size,
          mime: file.type,
          state: tooLarge ? 'failed' : 'uploading',
          progress: 0,
          attachment: null,
          // Refused here without sending 10 MB for nothing; the server checks again.
          error: tooLarge ? { code: ErrorCode.FileTooLarge, message: 'The file is too large' } : null,
          preview,
        };
      });
      setFiles((list) => [...list, ...added]);
      added.forEach((pending, i) => {
        const file = taken[i];
        if (pending.state !== 'uploading' || !file) return;
        const controller = new AbortController();
        uploads.current.set(pending.key, controller);
        // CORE-7: with the session cookie, reporting progress as it goes.
        upload('attachments.upload', { file, signal: controller.signal, onProgress: (progress) => patch(pending.key, { progress }) })
          .then((attachment) => patch(pending.key, { state: 'done', progress: 1, attachment, mime: attachment.mime }))
          .catch((error: unknown) => {
            if (controller.signal.aborted) return;
            patch(pending.key, {
              state: 'failed',
              error:
                error instanceof ApiRequestError
                  ? { code: error.code, message: error.message }
                  : { code: ErrorCode.Internal, message: error instanceof Error ? error.message : String(error) },
            });
          })
          .finally(() => uploads.current.delete(pending.key));
      });
      return incoming.length - taken.length;
    },
    [files, limit, patch],
  );

  /** Files already stored (a template's): shown as uploaded; returns how many did not fit. */
  const addAttachments = useCallback(
    (attachments: readonly Attachment[]): number => {
      const held = new Set(files.map((f) => f.attachment?.id));
      const fresh = attachments.filter((a) => !held.has(a.id));
      const room = Math.max(0, limit - files.filter((f) => f.state !== 'failed').length);
      const taken = fresh.slice(0, room);
      setFiles((list) => [...list, ...taken.map(fromAttachment)]);
      return fresh.length - taken.length;
    },
    [files, limit],
  );

  const remove = useCallback(
    (key: string) => {
      uploads.current.get(key)?.abort();
      release(key);
      setFiles((list) => list.filter((f) => f.key !== key));
    },
    [release],
  );

  const clear = useCallback(() => {
    uploads.current.forEach((controller) => controller.abort());
    release();
    setFiles([]);
  }, [release]);

  return useMemo(
    () => ({
      files,
      add,
      addAttachments,
      remove,
      clear,
      /** What the message or template carries. */
      attachmentIds: files.flatMap((f) => (f.state === 'done' && f.attachment ? [f.attachment.id] : [])),
      uploading: files.some((f) => f.state === 'uploading'),
    }),
    [files, add, addAttachments, remove, clear],
  );
}
