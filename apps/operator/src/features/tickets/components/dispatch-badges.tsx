import type { TicketSummary } from '@omnichannel/contracts';
import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { firstReplySla } from './sla';

/**
 * What the dispatcher and the SLA add to a chat (SLA-2, DSP-3, DSP-5): the first reply's remaining time
 * or its breach, a high or urgent priority, and "in queue" while no operator could take it.
 */
export function DispatchBadges({ ticket, now, size = 'xs', testIdPrefix }: { ticket: TicketSummary; now: number; size?: BadgeProps['size']; testIdPrefix: string }) {
  const { t } = useTranslation();
  const sla = firstReplySla(ticket, now);
  return (
    <>
      {sla.kind === 'breached' && (
        <Badge size={size} variant="filled" color="red" style={{ flexShrink: 0 }} data-testid={`${testIdPrefix}-sla`} data-sla="breached">
          {t('sla.badgeBreached')}
        </Badge>
      )}
      {sla.kind === 'due' && (
        <Badge size={size} variant="light" color={sla.minutes <= 2 ? 'orange' : 'blue'} style={{ flexShrink: 0 }} data-testid={`${testIdPrefix}-sla`} data-sla="due">
          {t('sla.badgeDue', { minutes: sla.minutes })}
        </Badge>
      )}
      {(ticket.priority === 'high' || ticket.priority === 'urgent') && (
        <Badge
          size={size}
          variant={ticket.priority === 'urgent' ? 'filled' : 'light'}
          color={ticket.priority === 'urgent' ? 'red' : 'orange'}
          style={{ flexShrink: 0 }}
          data-testid={`${testIdPrefix}-priority`}
        >
          {t(`priority.${ticket.priority}`)}
        </Badge>
      )}
      {ticket.queuedAt && (
        <Badge size={size} variant="light" color="grape" style={{ flexShrink: 0 }} data-testid={`${testIdPrefix}-queued`}>
          {t('inbox.inQueue')}
        </Badge>
      )}
    </>
  );
}
