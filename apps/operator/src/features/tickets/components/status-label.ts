import type { TicketStatusInfo } from '@omnichannel/contracts';
import { useTranslation } from 'react-i18next';
import { useStatuses } from '../api/tickets';

/** The names the built-in statuses are created with (the API's migration); these are translated. */
const BUILT_IN_NAMES: Record<string, string> = { open: 'Open', in_progress: 'In progress', waiting: 'Waiting for client', completed: 'Completed' };

/**
 * CORE-4: a status shows under the name the administrator gave it; a built-in status nobody renamed shows
 * in the employee's language.
 */
export function useStatusLabel(): (code: string) => string {
  const { t } = useTranslation();
  const statuses = useStatuses().data?.items;
  return (code) => {
    const name = statuses?.find((s) => s.code === code)?.name;
    if (name !== undefined && name !== BUILT_IN_NAMES[code]) return name;
    return code in BUILT_IN_NAMES ? t(`status.${code}`) : (name ?? code);
  };
}

/** Whether a status ends the ticket's work (no more replies). */
export function isFinalStatus(statuses: TicketStatusInfo[] | undefined, code: string): boolean {
  return statuses?.find((s) => s.code === code)?.isFinal ?? code === 'completed';
}
