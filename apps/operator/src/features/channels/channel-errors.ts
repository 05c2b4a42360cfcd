import { ApiRequestError } from '@omnichannel/contracts';
import type { TFunction } from 'i18next';
import { errorText } from '../../lib/errors';

/**
 * A refusal of a channels route in the administrator's language: the platform's own words when it refused
 * (PLATFORM_REFUSED; the API's message already names the platform), and what to do instead when a channel
 * with conversations cannot be deleted.
 */
export function channelErrorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiRequestError) {
    switch (error.code) {
      case 'PLATFORM_REFUSED':
        return t('channels.errors.platformRefused', { reason: error.message });
      case 'CHANNEL_IN_USE':
        return t('channels.errors.inUse');
      case 'CHANNEL_NOT_FOUND':
        return t('channels.errors.notFound');
      case 'DEPARTMENT_NOT_FOUND':
        return t('channels.errors.departmentNotFound');
      default:
        break;
    }
  }
  return errorText(error, t);
}
