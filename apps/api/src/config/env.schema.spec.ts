import { InvalidEnvError, parseEnv } from './env.schema';

describe('parseEnv (Q-1 configuration)', () => {
  it('applies defaults for a bare environment', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.SEED_DEMO).toBe(true);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it('parses flags', () => {
    expect(parseEnv({ SEED_DEMO: 'false' }).SEED_DEMO).toBe(false);
    expect(parseEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(true);
  });

  it('lists every bad key in one error', () => {
    expect(() => parseEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', DEMO_PASSWORD: 'short' })).toThrow(
      InvalidEnvError,
    );
    try {
      parseEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', DEMO_PASSWORD: 'short' });
    } catch (e) {
      const text = (e as Error).message;
      expect(text).toContain('PORT');
      expect(text).toContain('DATABASE_URL');
      expect(text).toContain('DEMO_PASSWORD');
    }
  });
});
