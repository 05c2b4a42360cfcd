import type { CustomField, CustomValues, TicketDetail } from '@omnichannel/contracts';
import { Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/errors';
import { useCustomFields, useUpdateCustom } from '../api/tickets';
import { SectionTitle } from './section-title';

type Entity = CustomField['entity'];
type Value = CustomValues[string];

/** WORK-4: the administrator's client and ticket fields; each saves when the employee leaves it. */
export function CustomFieldsEditor({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const fields = useCustomFields().data?.items ?? [];
  const update = useUpdateCustom();
  // The field just saved shows a check for a moment; a refusal says why.
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => setSaved(null), 2500);
    return () => clearTimeout(timer);
  }, [saved]);
  const save = (entity: Entity, field: CustomField, value: Value) => {
    const current = (entity === 'client' ? ticket.clientDetails.custom : ticket.custom)[field.key] ?? null;
    if (value === current) return;
    update.mutate(
      { id: ticket.id, [entity]: { [field.key]: value } },
      {
        onSuccess: () => setSaved(field.id),
        onError: (error) => notifications.show({ color: 'red', title: t('fields.notSaved'), message: errorText(error, t) }),
      },
    );
  };
  const section = (entity: Entity, title: string) => {
    const own = fields.filter((f) => f.entity === entity);
    if (own.length === 0) return null;
    const values = entity === 'client' ? ticket.clientDetails.custom : ticket.custom;
    return (
      <>
        <SectionTitle>{title}</SectionTitle>
        <Stack gap={8} data-testid={`custom-fields-${entity}`}>
          {own.map((field) => (
            <FieldInput
              key={field.id}
              field={field}
              value={values[field.key] ?? null}
              saved={saved === field.id}
              onCommit={(value) => save(entity, field, value)}
            />
          ))}
        </Stack>
      </>
    );
  };
  return (
    <>
      {section('client', t('fields.client'))}
      {section('ticket', t('fields.ticket'))}
    </>
  );
}

function FieldInput({ field, value, saved, onCommit }: { field: CustomField; value: Value; saved: boolean; onCommit: (value: Value) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string>(value === null ? '' : String(value));
  useEffect(() => setDraft(value === null ? '' : String(value)), [value]);
  const check = saved ? <IconCheck size={14} color="var(--mantine-color-teal-6)" aria-label={t('fields.saved', { label: field.label })} /> : undefined;
  const common = {
    label: field.label,
    size: 'xs' as const,
    'data-testid': `custom-field-${field.key}`,
    'data-saved': saved || undefined,
    rightSection: check,
  };
  const onEnter = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') e.currentTarget.blur();
  };
  switch (field.type) {
    case 'list':
      return (
        <Select
          {...common}
          data={field.options}
          value={value === null ? null : String(value)}
          onChange={(next) => onCommit(next)}
          clearable={!saved}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'number':
      return (
        // A plain number input: the workspace's first load stays small (P8).
        <TextInput
          {...common}
          type="number"
          inputMode="decimal"
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={() => onCommit(draft.trim() === '' || !Number.isFinite(Number(draft)) ? null : Number(draft))}
          onKeyDown={onEnter}
        />
      );
    case 'date':
      return (
        <TextInput {...common} type="date" value={draft} onChange={(e) => setDraft(e.currentTarget.value)} onBlur={() => onCommit(draft || null)} onKeyDown={onEnter} />
      );
    case 'text':
      return (
        <TextInput
          {...common}
          value={draft}
          maxLength={1000}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={() => onCommit(draft.trim() || null)}
          onKeyDown={onEnter}
        />
      );
  }
}
