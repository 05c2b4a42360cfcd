import { createServer } from 'node:net';
import { StartupFailure, checkDatabase, checkPort, describeDatabaseError, describeStartupError } from './startup-failure';

const config = { PORT: 3000, HOST: '0.0.0.0', LOG_LEVEL: 'info' };
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('describeStartupError', () => {
  it('prints a StartupFailure as it is', () => {
    expect(describeStartupError(new StartupFailure('The embedded PostgreSQL did not start: …'), config)).toBe('The embedded PostgreSQL did not start: …');
  });

  it('a port in use names the PORT that frees it', () => {
    const text = describeStartupError(withCode('listen EADDRINUSE: address already in use 0.0.0.0:3000', 'EADDRINUSE'), config);
    expect(text).toContain('port 3000');
    expect(text).toContain('PORT=3001');
  });

  it('a privileged port', () => {
    expect(describeStartupError(withCode('listen EACCES: permission denied 0.0.0.0:80', 'EACCES'), { ...config, PORT: 80 })).toContain('from 1024 up');
  });

  it('anything else: the message without a stack, unless LOG_LEVEL=debug', () => {
    const error = new Error('something broke');
    expect(describeStartupError(error, config)).toBe('Omnichannel failed to start: something broke (LOG_LEVEL=debug shows where it happened)');
    expect(describeStartupError(error, { ...config, LOG_LEVEL: 'debug' })).toContain('startup-failure.spec.ts');
  });
});

describe('describeDatabaseError', () => {
  const url = 'postgresql://omni:secret@db.example:5433/omnichannel';

  it('never shows the password', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', '28P01', '3D000', 'XX000']) {
      const text = describeDatabaseError(withCode('failed', code), url);
      expect(text).toContain('db.example:5433');
      expect(text).not.toContain('secret');
    }
  });

  it('says what to do for each kind of refusal', () => {
    expect(describeDatabaseError(withCode('connect ECONNREFUSED', 'ECONNREFUSED'), url)).toContain('nothing listens there');
    expect(describeDatabaseError(withCode('getaddrinfo ENOTFOUND db.example', 'ENOTFOUND'), url)).toContain('host name db.example is not known');
    expect(describeDatabaseError(withCode('password authentication failed for user "omni"', '28P01'), url)).toContain('refused the user "omni"');
    expect(describeDatabaseError(withCode('database "omnichannel" does not exist', '3D000'), url)).toContain(
      'createdb -h db.example -p 5433 -U omni omnichannel',
    );
    expect(describeDatabaseError(new Error('timeout expired'), url)).toContain('no answer within 10 s');
  });
});

describe('checkDatabase', () => {
  it('fails at once, as a StartupFailure, when nothing listens at DATABASE_URL', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const failure = checkDatabase(`postgresql://postgres@127.0.0.1:${port}/omnichannel`);
    await expect(failure).rejects.toBeInstanceOf(StartupFailure);
    await expect(failure).rejects.toThrow(`PostgreSQL at 127.0.0.1:${port} (DATABASE_URL): nothing listens there`);
  });
});

describe('checkPort', () => {
  it('passes on a free port and fails with EADDRINUSE on a taken one', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const failure = await checkPort(port, '127.0.0.1').catch((error: unknown) => error);
      expect(describeStartupError(failure, { ...config, PORT: port })).toContain(`could not listen on port ${port}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    await expect(checkPort(port, '127.0.0.1')).resolves.toBeUndefined();
  });
});
