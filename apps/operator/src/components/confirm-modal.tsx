import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

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
