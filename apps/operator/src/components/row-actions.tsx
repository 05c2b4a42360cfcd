import { ActionIcon, Group } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Edit and delete buttons at the end of a table row; a row that cannot be deleted has no delete button. */
export function RowActions({ onEdit, onDelete }: { onEdit: () => void; onDelete?: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap={2} wrap="nowrap">
      <ActionIcon variant="subtle" color="gray" onClick={onEdit} aria-label={t('admin.edit')}>
        <IconPencil size={16} />
      </ActionIcon>
      {onDelete && (
        <ActionIcon variant="subtle" color="red" onClick={onDelete} aria-label={t('admin.delete')}>
          <IconTrash size={16} />
        </ActionIcon>
      )}
    </Group>
  );
}
