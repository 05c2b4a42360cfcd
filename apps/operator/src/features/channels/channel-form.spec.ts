import { ApiRequestError, messengerInputSchemas, messengerTypes, type AdminChannel } from '@omnichannel/contracts';
import { buildCreateRequest, buildUpdateRequest, editValuesOf, hasAdvancedProblem, problemsFromApi, type ConnectFormValues } from './channel-form';
import en from '../../locales/en.json';
import { fieldTextKey, platformFields } from './platform-fields';

const departmentId = '6f1d2a9c-3e0b-4b7f-8a1c-2d3e4f5a6b7c';
const otherDepartment = '0a9b8c7d-6e5f-4031-8233-445566778899';

const connect = (patch: Partial<ConnectFormValues>): ConnectFormValues => ({
  type: 'telegram',
  name: 'Support bot',
  departmentId,
  values: {},
  registerWebhook: true,
  ...patch,
});

const health: AdminChannel['health'] = { lastEventAt: null, eventsLastDay: 0, lastError: null, lastErrorAt: null, webhookRegisteredAt: null, webhookError: null };

const channel = (patch: Partial<AdminChannel>): AdminChannel => ({
  id: '11111111-2222-4333-8444-555555555555',
  type: 'vk',
  name: 'VK community',
  departmentId,
  enabled: true,
  settings: { apiBaseUrl: null, groupId: 229011223 },
  secretsSet: ['accessToken', 'secret', 'confirmation'],
  webhookUrl: 'https://chat.example/api/channels/11111111-2222-4333-8444-555555555555/webhook',
  canRegisterWebhook: false,
  accountName: 'Shop',
  health,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...patch,
});

describe('platformFields', () => {
  it.each(messengerTypes)('asks %s for exactly the settings and secrets its contract schemas take', (type) => {
    const fields = platformFields[type];
    const keys = (part: 'settings' | 'secrets') =>
      fields
        .filter((f) => f.part === part)
        .map((f) => f.key)
        .sort();
    expect(keys('settings')).toEqual(Object.keys(messengerInputSchemas[type].settings.shape).sort());
    expect(keys('secrets')).toEqual(Object.keys(messengerInputSchemas[type].secrets.shape).sort());
  });

  it.each(messengerTypes)('labels and explains every %s field (and says what a wrong value should look like)', (type) => {
    const text = (key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);
    for (const field of platformFields[type]) {
      const base = fieldTextKey(type, field);
      expect([base, typeof text(`${base}.label`), typeof text(`${base}.help`)]).toEqual([base, 'string', 'string']);
      expect([base, typeof text(`${base}.format`)]).toEqual([base, field.formatHint ? 'string' : 'undefined']);
    }
  });
});

describe('buildCreateRequest', () => {
  it('gives the contract request: trimmed values, an empty API address as null, numbers as numbers', () => {
    const checked = buildCreateRequest(
      connect({
        type: 'vk',
        name: '  Shop VK ',
        values: { 'settings.groupId': ' 229011223 ', 'secrets.accessToken': 'vk1.a.token', 'secrets.secret': 'cbk-s3cret', 'secrets.confirmation': 'a1b2c3', 'settings.apiBaseUrl': '' },
      }),
    );
    expect(checked).toEqual({
      ok: true,
      request: {
        type: 'vk',
        name: 'Shop VK',
        departmentId,
        settings: { apiBaseUrl: null, groupId: 229011223 },
        secrets: { accessToken: 'vk1.a.token', secret: 'cbk-s3cret', confirmation: 'a1b2c3' },
        // VK has no API for registering the webhook, whatever the (hidden) checkbox says.
        registerWebhook: false,
      },
    });
  });

  it('keeps the choice to register the webhook, and the API address without its trailing slash', () => {
    const checked = buildCreateRequest(
      connect({ registerWebhook: false, values: { 'secrets.botToken': '123456:ABC-DEF_ghi', 'settings.apiBaseUrl': 'http://localhost:4010/telegram/' } }),
    );
    expect(checked).toMatchObject({ ok: true, request: { type: 'telegram', registerWebhook: false, settings: { apiBaseUrl: 'http://localhost:4010/telegram' }, secrets: { botToken: '123456:ABC-DEF_ghi' } } });
  });

  it('turns OK\'s comma-separated sources into a list, and empty into null (OK\'s own ranges)', () => {
    const one = buildCreateRequest(connect({ type: 'odnoklassniki', values: { 'secrets.accessToken': 'tkn', 'settings.allowedSources': '217.20.145.192/28, 217.20.151.160/28' } }));
    expect(one).toMatchObject({ ok: true, request: { settings: { allowedSources: ['217.20.145.192/28', '217.20.151.160/28'] } } });
    const none = buildCreateRequest(connect({ type: 'odnoklassniki', values: { 'secrets.accessToken': 'tkn', 'settings.allowedSources': '  ' } }));
    expect(none).toMatchObject({ ok: true, request: { settings: { allowedSources: null } } });
  });

  it('pins every problem to its field in the administrator\'s words', () => {
    const checked = buildCreateRequest(
      connect({
        type: 'vk',
        name: ' ',
        departmentId: null,
        values: { 'settings.groupId': 'club12', 'secrets.accessToken': 'x', 'secrets.secret': '', 'settings.apiBaseUrl': 'ftp://proxy' },
      }),
    );
    expect(checked).toEqual({
      ok: false,
      problems: {
        name: { key: 'channels.validation.required' },
        departmentId: { key: 'channels.validation.department' },
        'settings.groupId': { key: 'channels.fields.vk.groupId.format' },
        'settings.apiBaseUrl': { key: 'channels.fields.apiBaseUrl.format' },
        'secrets.secret': { key: 'channels.validation.required' },
        'secrets.confirmation': { key: 'channels.validation.required' },
      },
    });
  });

  it('says what a Telegram token looks like, how long a Viber name may be, and which OK source is wrong', () => {
    expect(buildCreateRequest(connect({ values: { 'secrets.botToken': 'not a token' } }))).toEqual({ ok: false, problems: { 'secrets.botToken': { key: 'channels.fields.telegram.botToken.format' } } });
    const viber = buildCreateRequest(connect({ type: 'viber', values: { 'secrets.authToken': 't', 'settings.senderName': 'x'.repeat(29), 'settings.senderAvatar': 'avatar.png' } }));
    expect(viber).toEqual({
      ok: false,
      problems: { 'settings.senderName': { key: 'channels.validation.tooLong', values: { max: 28 } }, 'settings.senderAvatar': { key: 'channels.fields.viber.senderAvatar.format' } },
    });
    const ok = buildCreateRequest(connect({ type: 'odnoklassniki', values: { 'secrets.accessToken': 't', 'settings.allowedSources': '217.20.145.192/28, 10.0.0.1' } }));
    expect(ok).toEqual({ ok: false, problems: { 'settings.allowedSources': { key: 'channels.fields.odnoklassniki.allowedSources.format' } } });
    expect(hasAdvancedProblem('odnoklassniki', ok.ok ? {} : ok.problems)).toBe(true);
    expect(hasAdvancedProblem('viber', viber.ok ? {} : viber.problems)).toBe(false);
  });
});

describe('buildUpdateRequest', () => {
  it('sends nothing when nothing changed (stored secrets stay)', () => {
    const vk = channel({});
    expect(buildUpdateRequest(vk, editValuesOf(vk))).toEqual({ ok: true, request: {} });
  });

  it('sends only what changed: the name, the department, the switch', () => {
    const vk = channel({});
    const form = { ...editValuesOf(vk), name: ' Shop ', departmentId: otherDepartment, enabled: false };
    expect(buildUpdateRequest(vk, form)).toEqual({ ok: true, request: { name: 'Shop', departmentId: otherDepartment, enabled: false } });
  });

  it('sends the settings whole when one of them changed, checked against the platform', () => {
    const vk = channel({});
    const form = editValuesOf(vk);
    expect(form.values).toEqual({ 'settings.groupId': '229011223', 'settings.apiBaseUrl': '', 'secrets.accessToken': '', 'secrets.secret': '', 'secrets.confirmation': '' });
    const moved = { ...form, values: { ...form.values, 'settings.apiBaseUrl': 'http://localhost:4010/vk' } };
    expect(buildUpdateRequest(vk, moved)).toEqual({ ok: true, request: { settings: { groupId: 229011223, apiBaseUrl: 'http://localhost:4010/vk' } } });
    const broken = { ...form, values: { ...form.values, 'settings.groupId': '0' } };
    expect(buildUpdateRequest(vk, broken)).toEqual({ ok: false, problems: { 'settings.groupId': { key: 'channels.validation.positive' } } });
  });

  it('sends a stored secret only once it is replaced, and a secret not stored yet when typed', () => {
    const vk = channel({ secretsSet: ['accessToken', 'secret'] });
    const form = editValuesOf(vk);
    // Typed without pressing "Replace" (not possible in the form, but never sent either way).
    const typed = { ...form, values: { ...form.values, 'secrets.accessToken': 'typed', 'secrets.confirmation': 'new-code' } };
    expect(buildUpdateRequest(vk, typed)).toEqual({ ok: true, request: { secrets: { confirmation: 'new-code' } } });
    const replaced = { ...typed, replacing: ['secrets.accessToken'] };
    expect(buildUpdateRequest(vk, replaced)).toEqual({ ok: true, request: { secrets: { accessToken: 'typed', confirmation: 'new-code' } } });
    // "Replace" pressed and left empty: the stored one stays.
    expect(buildUpdateRequest(vk, { ...form, replacing: ['secrets.secret'] })).toEqual({ ok: true, request: {} });
  });

  it('checks a replaced secret against the platform', () => {
    const telegram = channel({ type: 'telegram', settings: { apiBaseUrl: null }, secretsSet: ['botToken'], canRegisterWebhook: true });
    const form = editValuesOf(telegram);
    const replaced = { ...form, replacing: ['secrets.botToken'], values: { ...form.values, 'secrets.botToken': 'nonsense' } };
    expect(buildUpdateRequest(telegram, replaced)).toEqual({ ok: false, problems: { 'secrets.botToken': { key: 'channels.fields.telegram.botToken.format' } } });
  });

  it('changes only the name, department and switch of the widget, whatever its settings hold', () => {
    const widget = channel({ type: 'widget', name: 'Site chat', settings: { greeting: 'Hi' }, secretsSet: [], webhookUrl: null });
    const form = editValuesOf(widget);
    expect(form.values).toEqual({});
    expect(buildUpdateRequest(widget, { ...form, name: 'Chat', enabled: false })).toEqual({ ok: true, request: { name: 'Chat', enabled: false } });
    expect(buildUpdateRequest(widget, { ...form, name: '' })).toEqual({ ok: false, problems: { name: { key: 'channels.validation.required' } } });
  });
});

describe('problemsFromApi', () => {
  const refusal = (issues?: { path: string; message: string }[]) =>
    new ApiRequestError({ routeId: 'channels.create', status: 400, code: 'VALIDATION_FAILED', message: 'invalid', details: issues && { issues } });

  it('pins the API\'s issues to the fields they name, with the API\'s words', () => {
    const error = refusal([
      { path: 'secrets.botToken', message: 'A bot token looks like 123456:ABC-DEF…' },
      { path: 'name', message: 'Name is required' },
    ]);
    expect(problemsFromApi(error, 'telegram')).toEqual({
      problems: { 'secrets.botToken': { text: 'A bot token looks like 123456:ABC-DEF…' }, name: { text: 'Name is required' } },
      rest: false,
    });
  });

  it('finds a field named without its part (an update checks settings on their own)', () => {
    expect(problemsFromApi(refusal([{ path: 'senderName', message: 'Viber allows at most 28 characters' }]), 'viber')).toEqual({
      problems: { 'settings.senderName': { text: 'Viber allows at most 28 characters' } },
      rest: false,
    });
  });

  it('leaves the rest to the form: unknown paths, no issues, other codes', () => {
    expect(problemsFromApi(refusal([{ path: 'settings.unknown', message: 'Unrecognized key' }]), 'vk')).toEqual({ problems: {}, rest: true });
    expect(problemsFromApi(refusal(), 'vk')).toEqual({ problems: {}, rest: true });
    const refused = new ApiRequestError({ routeId: 'channels.create', status: 502, code: 'PLATFORM_REFUSED', message: 'Unauthorized' });
    expect(problemsFromApi(refused, 'telegram')).toEqual({ problems: {}, rest: true });
  });
});
