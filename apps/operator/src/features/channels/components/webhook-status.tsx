import type { AdminChannel } from '@omnichannel/contracts';
import { Button, Group, Popover, Stack, Text } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { webhookState } from '../health';
import { Timed } from './relative-time';
import { VkSetupSteps } from './vk-setup-steps';
import { WebhookUrl } from './webhook-url';

/** Whether the platform knows where to send events, the address itself, and a way to (re-)register it. */
export function WebhookStatus({ channel, registering, onRegister }: { channel: AdminChannel; registering: boolean; onRegister: () => void }) {
  const { t } = useTranslation();
  const state = webhookState(channel);
  const status = (() => {
    switch (state.kind) {
      case 'none':
        return (
          <Text size="sm" c="dimmed">
            {t('channels.webhook.none')}
          </Text>
        );
      case 'registered':
        return (
          <Text size="sm" c="teal">
            <Timed iso={state.at}>{(time) => t('channels.webhook.registered', { time })}</Timed>
          </Text>
        );
      case 'failed':
        return (
          <Text size="sm" c="red">
            {t('channels.webhook.failed', { reason: state.reason })}
          </Text>
        );
      case 'notRegistered':
        return (
          <Text size="sm" c="orange">
            {t('channels.webhook.notRegistered')}
          </Text>
        );
      case 'manual':
        return (
          <Group gap={6}>
            <Text size="sm" c="dimmed">
              {t('channels.webhook.manual')}
            </Text>
            {channel.webhookUrl && (
              <Popover width={420} position="bottom-start" withArrow shadow="md">
                <Popover.Target>
                  <Button variant="subtle" size="compact-xs">
                    {t('channels.webhook.howTo')}
                  </Button>
                </Popover.Target>
                <Popover.Dropdown>
                  <VkSetupSteps url={channel.webhookUrl} />
                </Popover.Dropdown>
              </Popover>
            )}
          </Group>
        );
    }
  })();
  return (
    <Stack gap={4} data-testid="webhook-status" data-state={state.kind}>
      {status}
      {channel.webhookUrl && <WebhookUrl url={channel.webhookUrl} compact />}
      {channel.canRegisterWebhook && (
        <Group>
          <Button
            variant="light"
            size="compact-xs"
            leftSection={<IconPlugConnected size={14} />}
            loading={registering}
            onClick={onRegister}
            data-testid="register-webhook"
          >
            {state.kind === 'registered' || state.kind === 'failed' ? t('channels.webhook.registerAgain') : t('channels.webhook.register')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
