import { bearerToken } from '../modules/auth/access.guard';
import { readCookie } from './realtime.gateway';

describe('credentials from headers', () => {
  it('reads one cookie among several', () => {
    expect(readCookie('a=1; omni_session=abc-DEF_1; b=2', 'omni_session')).toBe('abc-DEF_1');
    expect(readCookie('omni_sessionx=1', 'omni_session')).toBeUndefined();
    expect(readCookie(undefined, 'omni_session')).toBeUndefined();
  });

  it('reads a bearer token only from a well-formed header', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
  });
});
