import { ErrorCode, MAX_ATTACHMENT_BYTES } from '@omnichannel/contracts';
import { CloseButton, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconFile, IconFileText, IconFileTypePdf, IconPhoto } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PendingFile } from '../api/uploads';
import { formatBytes } from './format-bytes';
import classes from './file-chip.module.css';

function FileIcon({ mime }: { mime: string }) {
  const size = 20;
  if (mime.startsWith('image/')) return <IconPhoto size={size} />;
  if (mime === 'application/pdf') return <IconFileTypePdf size={size} />;
  if (mime.startsWith('text/') || mime.includes('wordprocessing')) return <IconFileText size={size} />;
  return <IconFile size={size} />;
}

/** Why a file was refused, in the employee's language for the refusals we know. */
export function uploadErrorText(error: PendingFile['error'], t: TFunction, language: string): string {
  if (!error) return '';
  if (error.code === ErrorCode.FileTooLarge) return t('attachments.tooLarge', { size: formatBytes(MAX_ATTACHMENT_BYTES, language) });
  if (error.code === ErrorCode.FileTypeNotAllowed) return t('attachments.typeNotAllowed');
  return error.message;
}

/** A file attached to a message or a template: what it is, how far its upload is, and why it was refused. */
export function FileChip({ file, onRemove }: { file: PendingFile; onRemove: () => void }) {
  const { t, i18n } = useTranslation();
  const reason = uploadErrorText(file.error, t, i18n.language);
  const status =
    file.state === 'uploading'
      ? t('attachments.uploading', { percent: Math.round(file.progress * 100) })
      : file.state === 'failed'
        ? reason
        : formatBytes(file.size, i18n.language);
  return (
    <div
      className={classes.chip}
      data-state={file.state}
      data-testid="pending-file"
      role="group"
      aria-label={file.state === 'failed' ? `${file.name}, ${t('attachments.failed')}: ${status}` : `${file.name}, ${status}`}
    >
      {file.state === 'failed' ? (
        <span className={classes.thumb}>
          <IconAlertTriangle size={20} />
        </span>
      ) : file.preview ? (
        <img className={classes.thumb} src={file.preview} alt="" />
      ) : (
        <span className={classes.thumb}>
          <FileIcon mime={file.mime} />
        </span>
      )}
      <div className={classes.text}>
        <Text size="xs" fw={600} truncate title={file.name}>
          {file.name}
        </Text>
        <Tooltip label={reason} disabled={file.state !== 'failed'} multiline maw={260} withArrow>
          <Text size="xs" c={file.state === 'failed' ? 'red.8' : 'dimmed'} lineClamp={file.state === 'failed' ? 2 : 1} lh={1.3} data-testid="pending-file-status">
            {status}
          </Text>
        </Tooltip>
      </div>
      <CloseButton size="sm" onClick={onRemove} aria-label={t('attachments.remove', { name: file.name })} data-testid="remove-file" />
      {file.state === 'uploading' && (
        <div className={classes.progress} aria-hidden>
          <div style={{ width: `${Math.round(file.progress * 100)}%` }} />
        </div>
      )}
    </div>
  );
}
