import type { MessengerType } from '@omnichannel/contracts';
import { Button, Collapse, Stack } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Problems } from '../channel-form';
import { fieldId, platformFields } from '../platform-fields';
import { PlatformFieldInput } from './platform-field-input';
import { useProblemText } from './problem-text';

/** In the edit form: which secrets are stored, and which of them are being replaced. */
export interface StoredSecrets {
  set: readonly string[];
  replacing: readonly string[];
  onReplace: (id: string) => void;
  onKeep: (id: string) => void;
}

/** A platform's fields, the rarely needed ones (API address, OK's sources) under a collapsed "Advanced". */
export function PlatformFieldsSection({
  type,
  values,
  problems,
  onChange,
  advancedOpen,
  onToggleAdvanced,
  secrets,
}: {
  type: MessengerType;
  values: Record<string, string>;
  problems: Problems;
  onChange: (id: string, value: string) => void;
  advancedOpen: boolean;
  onToggleAdvanced: () => void;
  secrets?: StoredSecrets;
}) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const input = (field: (typeof platformFields)[MessengerType][number]) => {
    const id = fieldId(field);
    const stored = field.part !== 'secrets' || !secrets?.set.includes(field.key) ? 'no' : secrets.replacing.includes(id) ? 'replacing' : 'set';
    return (
      <PlatformFieldInput
        key={id}
        type={type}
        field={field}
        value={values[id] ?? ''}
        error={problemText(problems[id])}
        onChange={(value) => onChange(id, value)}
        stored={stored}
        onReplace={() => secrets?.onReplace(id)}
        onKeep={() => secrets?.onKeep(id)}
      />
    );
  };
  const fields = platformFields[type];
  return (
    <Stack gap="sm">
      {fields.filter((f) => !f.advanced).map(input)}
      <Button
        variant="subtle"
        color="gray"
        size="compact-sm"
        leftSection={advancedOpen ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
        onClick={onToggleAdvanced}
        style={{ alignSelf: 'flex-start' }}
        data-testid="channel-advanced"
      >
        {t('channels.form.advanced')}
      </Button>
      <Collapse in={advancedOpen}>
        <Stack gap="sm">{fields.filter((f) => f.advanced).map(input)}</Stack>
      </Collapse>
    </Stack>
  );
}
