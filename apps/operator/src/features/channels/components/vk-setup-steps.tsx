import { List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { WebhookUrl } from './webhook-url';

/** VK has no API to register a callback server for us: what the administrator does in the community instead. */
export function VkSetupSteps({ url }: { url: string }) {
  const { t } = useTranslation();
  return (
    <List type="ordered" size="sm" spacing={6} data-testid="vk-setup-steps">
      <List.Item>{t('channels.vk.step1')}</List.Item>
      <List.Item>
        <Stack gap={4}>
          <Text size="sm">{t('channels.vk.step2')}</Text>
          <WebhookUrl url={url} />
        </Stack>
      </List.Item>
      <List.Item>{t('channels.vk.step3')}</List.Item>
      <List.Item>{t('channels.vk.step4')}</List.Item>
      <List.Item>{t('channels.vk.step5')}</List.Item>
      <List.Item>{t('channels.vk.step6')}</List.Item>
    </List>
  );
}
