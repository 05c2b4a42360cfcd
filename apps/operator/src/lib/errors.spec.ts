import { ApiRequestError } from '@omnichannel/contracts';
import type { TFunction } from 'i18next';
import { errorText } from './errors';

const translations: Record<string, string> = { 'errors.LAST_ADMINISTRATOR': 'At least one administrator must remain', 'errors.NETWORK': 'Offline' };
const t = ((key: string) => translations[key] ?? key) as unknown as TFunction;

describe('errorText', () => {
  it('says a known code in the employee\'s language', () => {
    const error = new ApiRequestError({ routeId: 'employees.update', status: 409, code: 'LAST_ADMINISTRATOR', message: 'server text' });
    expect(errorText(error, t)).toBe('At least one administrator must remain');
  });

  it('falls back to the server\'s message for a code without a translation', () => {
    const error = new ApiRequestError({ routeId: 'groups.update', status: 404, code: 'GROUP_NOT_FOUND', message: 'Group not found' });
    expect(errorText(error, t)).toBe('Group not found');
  });

  it('names a network failure', () => {
    expect(errorText(ApiRequestError.network('auth.me'), t)).toBe('Offline');
    expect(errorText(new Error('plain'), t)).toBe('plain');
  });
});
