import type { AdminChannel } from '@omnichannel/contracts';
import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Timed } from './relative-time';

/** SET-7: whether the platform is delivering, how much, and the last thing that went wrong. */
export function ChannelHealth({ health }: { health: AdminChannel['health'] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} data-testid="channel-health">
      <Text size="sm">
        {health.lastEventAt ? <Timed iso={health.lastEventAt}>{(time) => t('channels.health.lastEvent', { time })}</Timed> : t('channels.health.noEvents')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('channels.health.events', { count: health.eventsLastDay })}
      </Text>
      {health.lastError && (
        <Text size="xs" c="red" data-testid="channel-last-error">
          {health.lastErrorAt ? <Timed iso={health.lastErrorAt}>{(time) => t('channels.health.lastErrorAt', { time })}</Timed> : t('channels.health.lastError')}{' '}
          {health.lastError}
        </Text>
      )}
    </Stack>
  );
}
