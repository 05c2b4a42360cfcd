import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Where the platform sends events, with a button that copies it (for VK's settings, or to check). */
export function WebhookUrl({ url, compact = false }: { url: string; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" data-testid="webhook-url">
      <Tooltip label={url} disabled={!compact} withArrow openDelay={300}>
        <Code
          style={{
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: compact ? 'nowrap' : 'normal',
            wordBreak: 'break-all',
            maxWidth: compact ? 220 : undefined,
          }}
        >
          {url}
        </Code>
      </Tooltip>
      <CopyButton value={url} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('channels.webhook.copied') : t('channels.webhook.copy')} withArrow>
            <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} size="sm" onClick={copy} aria-label={t('channels.webhook.copy')} data-testid="copy-webhook-url">
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
