import { messengerTypes, type AdminChannel, type MessengerType } from '@omnichannel/contracts';
import { Alert, Button, Checkbox, Divider, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormButtons, FormError } from '../../../components/confirm-modal';
import { useCreateChannel, useRegisterWebhook } from '../api/channels';
import { buildCreateRequest, FORM_PROBLEM, hasAdvancedProblem, problemsFromApi, type Problems } from '../channel-form';
import { channelErrorText } from '../channel-errors';
import { webhookState } from '../health';
import { ChannelIcon } from '../../../components/channel-icon';
import { PlatformFieldsSection } from './platform-fields-section';
import { useProblemText } from './problem-text';
import { VkSetupSteps } from './vk-setup-steps';
import { WebhookUrl } from './webhook-url';

export interface DepartmentOption {
  value: string;
  label: string;
}

/**
 * CHN-1: connect a messenger account. Nothing closes on a refusal: the platform's words or the field at
 * fault are shown in the form. When the channel needs a step more (VK's callback server, a webhook not
 * registered), the modal says what it is instead of closing.
 */
export function ConnectChannelModal({ departments, onClose }: { departments: DepartmentOption[]; onClose: () => void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const create = useCreateChannel();
  const [type, setType] = useState<MessengerType>('telegram');
  const [name, setName] = useState('');
  const [departmentId, setDepartmentId] = useState<string | null>(departments.length === 1 ? (departments[0]?.value ?? null) : null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [registerWebhook, setRegisterWebhook] = useState(true);
  const [problems, setProblems] = useState<Problems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [created, setCreated] = useState<AdminChannel | null>(null);

  const show = (next: Problems) => {
    setProblems(next);
    if (hasAdvancedProblem(type, next)) setAdvancedOpen(true);
  };
  const choose = (next: MessengerType) => {
    // Another platform's credentials mean nothing here.
    setType(next);
    setValues({});
    setProblems({});
    setFormError(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const checked = buildCreateRequest({ type, name, departmentId, values, registerWebhook });
    if (!checked.ok) {
      show(checked.problems);
      return;
    }
    show({});
    create.mutate(checked.request, {
      onSuccess: (channel) => {
        const webhook = webhookState(channel);
        if (webhook.kind === 'registered') {
          notifications.show({ color: 'teal', message: t('channels.connected.title', { name: channel.name }) });
          onClose();
        } else setCreated(channel);
      },
      onError: (error) => {
        const fromApi = problemsFromApi(error, type);
        show(fromApi.problems);
        setFormError(fromApi.rest ? channelErrorText(error, t) : null);
      },
    });
  };

  if (created) return <Connected channel={created} onClose={onClose} />;
  return (
    <Modal opened onClose={onClose} title={t('channels.form.connectTitle')} centered size="lg">
      <form onSubmit={submit} noValidate data-testid="connect-channel-form">
        <Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('channels.form.platform')}
            </Text>
            <SegmentedControl
              fullWidth
              value={type}
              onChange={(v) => choose(v as MessengerType)}
              data={messengerTypes.map((m) => ({
                value: m,
                label: (
                  <Group gap={6} justify="center" wrap="nowrap" data-testid={`channel-platform-${m}`}>
                    <ChannelIcon type={m} size={16} />
                    <span>{t(`channel.${m}`)}</span>
                  </Group>
                ),
              }))}
            />
          </Stack>
          <TextInput
            label={t('channels.form.name')}
            description={t('channels.form.nameHint')}
            withAsterisk
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={problemText(problems.name)}
            data-testid="channel-name"
          />
          <Select
            label={t('channels.form.department')}
            description={t('channels.form.departmentHint')}
            placeholder={t('channels.form.departmentPlaceholder')}
            withAsterisk
            data={departments}
            value={departmentId}
            onChange={setDepartmentId}
            allowDeselect={false}
            searchable
            error={problemText(problems.departmentId)}
            data-testid="channel-department"
          />
          <Divider label={t('channels.form.credentials')} labelPosition="left" />
          <PlatformFieldsSection
            type={type}
            values={values}
            problems={problems}
            onChange={(id, value) => setValues((v) => ({ ...v, [id]: value }))}
            advancedOpen={advancedOpen}
            onToggleAdvanced={() => setAdvancedOpen((o) => !o)}
          />
          {type === 'vk' ? (
            <Text size="sm" c="dimmed">
              {t('channels.form.vkNoRegister')}
            </Text>
          ) : (
            <Checkbox
              label={t('channels.form.registerWebhook')}
              description={t('channels.form.registerWebhookHint')}
              checked={registerWebhook}
              onChange={(e) => setRegisterWebhook(e.currentTarget.checked)}
              data-testid="channel-register-webhook"
            />
          )}
          <FormError error={formError ?? problemText(problems[FORM_PROBLEM]) ?? null} />
          <FormButtons onCancel={onClose} saving={create.isPending} saveTestId="channel-connect" saveLabel={t('channels.form.connectButton')} />
        </Stack>
      </form>
    </Modal>
  );
}

/** After connecting: the account, and the step still to take, if any. */
function Connected({ channel, onClose }: { channel: AdminChannel; onClose: () => void }) {
  const { t } = useTranslation();
  const register = useRegisterWebhook();
  const [current, setCurrent] = useState(channel);
  const webhook = webhookState(current);
  const retry = () =>
    register.mutate(current.id, {
      onSuccess: setCurrent,
      onError: (error) => notifications.show({ color: 'red', title: t('channels.webhook.notRegisteredTitle'), message: channelErrorText(error, t) }),
    });
  return (
    <Modal opened onClose={onClose} title={t('channels.connected.title', { name: current.name })} centered size="lg">
      <Stack data-testid="channel-connected">
        {current.accountName && <Text size="sm">{t('channels.connected.account', { account: current.accountName })}</Text>}
        {webhook.kind === 'manual' && current.webhookUrl && (
          <>
            <Text size="sm">{t('channels.connected.vkIntro')}</Text>
            <VkSetupSteps url={current.webhookUrl} />
          </>
        )}
        {webhook.kind === 'failed' && (
          <Alert color="red" data-testid="channel-webhook-failed">
            {t('channels.connected.failed', { reason: webhook.reason })}
          </Alert>
        )}
        {webhook.kind === 'notRegistered' && <Alert color="orange">{t('channels.connected.notRegistered')}</Alert>}
        {webhook.kind === 'registered' && <Alert color="teal">{t('channels.webhook.registeredToast', { name: current.name })}</Alert>}
        {(webhook.kind === 'failed' || webhook.kind === 'notRegistered') && current.webhookUrl && <WebhookUrl url={current.webhookUrl} />}
        <Group justify="flex-end">
          {(webhook.kind === 'failed' || webhook.kind === 'notRegistered') && current.canRegisterWebhook && (
            <Button variant="default" loading={register.isPending} onClick={retry} data-testid="channel-register-now">
              {webhook.kind === 'failed' ? t('channels.connected.retry') : t('channels.webhook.register')}
            </Button>
          )}
          <Button onClick={onClose} data-testid="channel-connected-done">
            {t('channels.connected.done')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
