import type { MessengerType } from '@omnichannel/contracts';
import { Anchor, Badge, Button, Group, Input, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fieldTextKey, type PlatformField } from '../platform-fields';

const placeholders: Partial<Record<PlatformField['kind'], string>> = { url: 'https://…', list: '217.20.145.192/28, 217.20.151.160/28' };

/**
 * One credential or setting of a platform, labelled with where on the platform to find it. A stored secret
 * shows only that it is set, until "Replace" opens an empty input for the new one.
 */
export function PlatformFieldInput({
  type,
  field,
  value,
  error,
  onChange,
  stored = 'no',
  onReplace,
  onKeep,
}: {
  type: MessengerType;
  field: PlatformField;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  /** For secrets in the edit form: `set` (stored, kept), `replacing` (stored, a new one being typed). */
  stored?: 'no' | 'set' | 'replacing';
  onReplace?: () => void;
  onKeep?: () => void;
}) {
  const { t } = useTranslation();
  const base = fieldTextKey(type, field);
  const label = t(`${base}.label`);
  const description = t(`${base}.help`);
  const testId = `channel-field-${field.key}`;
  if (field.kind === 'secret') {
    if (stored === 'set') {
      return (
        <Input.Wrapper label={label} description={description} error={error}>
          <Group gap="xs" mt={4}>
            <Badge variant="light" color="teal" data-testid={`${testId}-set`}>
              {t('channels.form.secretSet')}
            </Badge>
            <Button variant="default" size="compact-sm" onClick={onReplace} data-testid={`${testId}-replace`}>
              {t('channels.form.replace')}
            </Button>
          </Group>
        </Input.Wrapper>
      );
    }
    return (
      <Stack gap={2}>
        <PasswordInput
          label={label}
          description={description}
          withAsterisk={stored === 'no' && !field.optional}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          error={error}
          autoComplete="new-password"
          autoFocus={stored === 'replacing'}
          data-testid={testId}
        />
        {stored === 'replacing' && (
          <Anchor component="button" type="button" size="xs" onClick={onKeep} style={{ alignSelf: 'flex-start' }}>
            {t('channels.form.keep')}
          </Anchor>
        )}
      </Stack>
    );
  }
  return (
    <TextInput
      label={label}
      description={description}
      withAsterisk={!field.optional}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      placeholder={placeholders[field.kind]}
      inputMode={field.kind === 'integer' ? 'numeric' : undefined}
      maxLength={field.maxLength}
      autoComplete="off"
      data-testid={testId}
    />
  );
}
