import type { AdminChannel } from '@omnichannel/contracts';
import { Button, Collapse, Divider, Group, Modal, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormButtons, FormError } from '../../../components/confirm-modal';
import { useUpdateChannel } from '../api/channels';
import { buildUpdateRequest, editValuesOf, FORM_PROBLEM, hasAdvancedProblem, isMessenger, problemsFromApi, type EditFormValues, type Problems } from '../channel-form';
import { channelErrorText } from '../channel-errors';
import { ChannelIcon } from '../../../components/channel-icon';
import type { DepartmentOption } from './connect-channel-modal';
import { PlatformFieldsSection } from './platform-fields-section';
import { useProblemText } from './problem-text';
import { VkSetupSteps } from './vk-setup-steps';

/**
 * Rename, move, switch off or on, change settings; a stored secret is only replaced, never shown, and only
 * replaced secrets are sent. The widget keeps its own settings: here only its name, department and switch.
 */
export function EditChannelModal({ channel, departments, onClose }: { channel: AdminChannel; departments: DepartmentOption[]; onClose: () => void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const update = useUpdateChannel();
  const [form, setForm] = useState<EditFormValues>(() => editValuesOf(channel));
  const [problems, setProblems] = useState<Problems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [stepsOpen, setStepsOpen] = useState(false);
  const messenger = isMessenger(channel.type) ? channel.type : null;

  const show = (next: Problems) => {
    setProblems(next);
    if (messenger && hasAdvancedProblem(messenger, next)) setAdvancedOpen(true);
  };
  const patch = (change: Partial<EditFormValues>) => setForm((f) => ({ ...f, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const checked = buildUpdateRequest(channel, form);
    if (!checked.ok) {
      show(checked.problems);
      return;
    }
    show({});
    if (Object.keys(checked.request).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { id: channel.id, patch: checked.request },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: t('channels.form.saved', { name: saved.name }) });
          onClose();
        },
        onError: (error) => {
          const fromApi = problemsFromApi(error, messenger);
          show(fromApi.problems);
          setFormError(fromApi.rest ? channelErrorText(error, t) : null);
        },
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={
        <Group gap="xs">
          <ChannelIcon type={channel.type} />
          <Text fw={600}>{t('channels.form.editTitle', { platform: t(`channel.${channel.type}`) })}</Text>
        </Group>
      }
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate data-testid="edit-channel-form">
        <Stack>
          <TextInput
            label={t('channels.form.name')}
            description={t('channels.form.nameHint')}
            withAsterisk
            value={form.name}
            onChange={(e) => patch({ name: e.currentTarget.value })}
            error={problemText(problems.name)}
            data-testid="channel-name"
          />
          <Select
            label={t('channels.form.department')}
            description={t('channels.form.departmentHint')}
            withAsterisk
            data={departments}
            value={form.departmentId}
            onChange={(departmentId) => patch({ departmentId })}
            allowDeselect={false}
            searchable
            error={problemText(problems.departmentId)}
            data-testid="channel-department"
          />
          <Switch
            label={t('channels.form.enabled')}
            description={t('channels.form.enabledHint')}
            checked={form.enabled}
            onChange={(e) => patch({ enabled: e.currentTarget.checked })}
            data-testid="channel-enabled"
          />
          {messenger ? (
            <>
              <Divider label={t('channels.form.credentials')} labelPosition="left" />
              <Text size="xs" c="dimmed">
                {t('channels.form.secretsNote')}
              </Text>
              <PlatformFieldsSection
                type={messenger}
                values={form.values}
                problems={problems}
                onChange={(id, value) => setForm((f) => ({ ...f, values: { ...f.values, [id]: value } }))}
                advancedOpen={advancedOpen}
                onToggleAdvanced={() => setAdvancedOpen((o) => !o)}
                secrets={{
                  set: channel.secretsSet,
                  replacing: form.replacing,
                  onReplace: (id) => setForm((f) => ({ ...f, replacing: [...f.replacing, id], values: { ...f.values, [id]: '' } })),
                  onKeep: (id) => setForm((f) => ({ ...f, replacing: f.replacing.filter((r) => r !== id), values: { ...f.values, [id]: '' } })),
                }}
              />
              {messenger === 'vk' && channel.webhookUrl && (
                <>
                  <Button
                    variant="subtle"
                    color="gray"
                    size="compact-sm"
                    leftSection={stepsOpen ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                    onClick={() => setStepsOpen((o) => !o)}
                    style={{ alignSelf: 'flex-start' }}
                  >
                    {t('channels.form.vkSteps')}
                  </Button>
                  <Collapse in={stepsOpen}>
                    <VkSetupSteps url={channel.webhookUrl} />
                  </Collapse>
                </>
              )}
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('channels.form.widgetNote')}
            </Text>
          )}
          <FormError error={formError ?? problemText(problems[FORM_PROBLEM]) ?? null} />
          <FormButtons onCancel={onClose} saving={update.isPending} saveTestId="channel-save" />
        </Stack>
      </form>
    </Modal>
  );
}
