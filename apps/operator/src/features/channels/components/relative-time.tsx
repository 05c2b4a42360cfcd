import { Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { exactTime, relativeTime } from '../health';
import { useNow } from './use-now';

/** A sentence about a moment ("Last event: 5 minutes ago"), with the exact moment on hover. */
export function Timed({ iso, children }: { iso: string; children: (time: string) => ReactNode }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  return (
    <Tooltip label={exactTime(iso, i18n.language)} withArrow openDelay={300}>
      <span>{children(relativeTime(iso, now, i18n.language, t('channels.justNow')))}</span>
    </Tooltip>
  );
}
