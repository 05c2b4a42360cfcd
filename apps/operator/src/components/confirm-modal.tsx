import { Button, Group, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../lib/errors';

/** Asks before a destructive action. */
export function ConfirmModal({
  opened,
  title,
  text,
  loading,
  onConfirm,
  onCancel,
}: {
  opened: boolean;
  title: string;
  text: string;
  loading?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onCancel} title={title} centered>
      <Text size="sm">{text}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onCancel}>
          {t('admin.cancel')}
        </Button>
        <Button color="red" loading={loading} onClick={onConfirm} data-testid="confirm-delete">
          {t('admin.delete')}
        </Button>
      </Group>
    </Modal>
  );
}

/**
 * Asks before deleting a row of an administration list, deletes it by its key, reports a refusal (e.g.
 * "still in use") with the reason, and closes either way.
 */
export function DeleteConfirm<T, R>({
  item,
  keyOf,
  remove,
  title,
  text,
  deleted,
  onClose,
}: {
  item: T | null;
  keyOf: (item: T) => string;
  remove: UseMutationResult<R, Error, string>;
  title: string;
  text: string;
  /** Said once the row is gone. */
  deleted?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmModal
      opened={item !== null}
      title={title}
      text={text}
      loading={remove.isPending}
      onCancel={onClose}
      onConfirm={() =>
        item !== null &&
        remove.mutate(keyOf(item), {
          onSuccess: () => deleted && notifications.show({ color: 'teal', message: deleted }),
          onSettled: onClose,
          onError: (e) => notifications.show({ color: 'red', title: t('admin.notSaved'), message: errorText(e, t) }),
        })
      }
    />
  );
}

/** A form's refusal, as the API explained it. */
export function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <Text c="red" size="sm" data-testid="form-error">
      {error}
    </Text>
  );
}

/** Cancel and save at the bottom of a form. */
export function FormButtons({ onCancel, saving, saveTestId, saveLabel }: { onCancel: () => void; saving: boolean; saveTestId: string; saveLabel?: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('admin.cancel')}
      </Button>
      <Button type="submit" loading={saving} data-testid={saveTestId}>
        {saveLabel ?? t('admin.save')}
      </Button>
    </Group>
  );
}
