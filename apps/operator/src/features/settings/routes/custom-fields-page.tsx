import { customFieldTypes, type CustomField } from '@omnichannel/contracts';
import { Badge, Button, Modal, NumberInput, Paper, SegmentedControl, Select, Stack, Table, TagsInput, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteConfirm, FormButtons, FormError } from '../../../components/confirm-modal';
import { PageFrame } from '../../../components/page-frame';
import { RowActions } from '../../../components/row-actions';
import { errorText } from '../../../lib/errors';
import { useCustomFields } from '../../tickets';
import { useDeleteCustomField, useSaveCustomField } from '../api/workspace';

/** WORK-4: the fields employees fill in for clients and tickets (text, number, date, list). */
export function CustomFieldsPage() {
  const { t } = useTranslation();
  const fields = useCustomFields();
  const remove = useDeleteCustomField();
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CustomField | null>(null);
  return (
    <PageFrame
      title={t('fields.title')}
      description={t('fields.description')}
      action={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="add-field">
          {t('fields.add')}
        </Button>
      }
    >
      <Paper withBorder radius="md">
        <Table verticalSpacing="sm" data-testid="fields-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.label')}</Table.Th>
              <Table.Th>{t('fields.key')}</Table.Th>
              <Table.Th>{t('fields.entity')}</Table.Th>
              <Table.Th>{t('fields.type')}</Table.Th>
              <Table.Th>{t('fields.options')}</Table.Th>
              <Table.Th w={90} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.data?.items.map((f) => (
              <Table.Tr key={f.id} data-testid="field-row">
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {f.label}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {f.key}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={f.entity === 'client' ? 'blue' : 'grape'}>
                    {t(`fields.entities.${f.entity}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{t(`fields.types.${f.type}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" lineClamp={1}>
                    {f.options.join(', ') || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RowActions onEdit={() => setEditing(f)} onDelete={() => setDeleting(f)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {fields.data?.items.length === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            {t('fields.empty')}
          </Text>
        )}
      </Paper>
      {editing && <FieldModal field={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <DeleteConfirm
        item={deleting}
        keyOf={(f) => f.id}
        remove={remove}
        title={t('fields.deleteTitle')}
        text={t('fields.deleteText', { label: deleting?.label })}
        onClose={() => setDeleting(null)}
      />
    </PageFrame>
  );
}

function FieldModal({ field, onClose }: { field: CustomField | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCustomField();
  const [entity, setEntity] = useState<CustomField['entity']>(field?.entity ?? 'client');
  const [label, setLabel] = useState(field?.label ?? '');
  const [key, setKey] = useState(field?.key ?? '');
  const [type, setType] = useState<CustomField['type']>(field?.type ?? 'text');
  const [options, setOptions] = useState<string[]>(field?.options ?? []);
  const [position, setPosition] = useState<number | string>(field?.position ?? 0);
  const [error, setError] = useState<string | null>(null);
  // A new field's key follows its label until the administrator types one.
  const [keyTouched, setKeyTouched] = useState(field !== null);
  const keyOf = (text: string) =>
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^(\d)/, 'f_$1')
      .slice(0, 40);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { id: field?.id ?? null, input: { entity, label, key, type, options: type === 'list' ? options : [], position: Number(position) || 0 } },
      { onSuccess: onClose, onError: (e) => setError(errorText(e, t)) },
    );
  };
  return (
    <Modal opened onClose={onClose} title={field ? t('fields.editTitle') : t('fields.add')} centered>
      <form onSubmit={submit} data-testid="field-form">
        <Stack>
          <FormError error={error} />
          <SegmentedControl
            value={entity}
            onChange={(v) => setEntity(v as CustomField['entity'])}
            disabled={field !== null}
            data={[
              { value: 'client', label: t('fields.entities.client') },
              { value: 'ticket', label: t('fields.entities.ticket') },
            ]}
          />
          <TextInput
            label={t('fields.label')}
            required
            value={label}
            onChange={(e) => {
              const next = e.currentTarget.value;
              setLabel(next);
              if (!keyTouched) setKey(keyOf(next));
            }}
            data-testid="field-label"
          />
          <TextInput
            label={t('fields.key')}
            description={t('fields.keyHint')}
            required
            value={key}
            disabled={field !== null}
            onChange={(e) => {
              setKeyTouched(true);
              setKey(e.currentTarget.value);
            }}
            data-testid="field-key"
          />
          <Select
            label={t('fields.type')}
            data={customFieldTypes.map((ty) => ({ value: ty, label: t(`fields.types.${ty}`) }))}
            value={type}
            onChange={(v) => v && setType(v as CustomField['type'])}
            allowDeselect={false}
            data-testid="field-type"
          />
          {type === 'list' && (
            <TagsInput label={t('fields.options')} description={t('fields.optionsHint')} value={options} onChange={setOptions} data-testid="field-options" />
          )}
          <NumberInput label={t('fields.position')} min={0} max={1000} value={position} onChange={setPosition} />
          <FormButtons onCancel={onClose} saving={save.isPending} saveTestId="field-save" />
        </Stack>
      </form>
    </Modal>
  );
}
