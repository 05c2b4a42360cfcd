import {
  ApiRequestError,
  createChannelRequestSchema,
  messengerInputSchemas,
  messengerTypes,
  updateChannelRequestSchema,
  type AdminChannel,
  type CreateChannelRequest,
  type MessengerType,
  type UpdateChannelRequest,
} from '@omnichannel/contracts';
import { fieldId, fieldTextKey, platformFields, type PlatformField } from './platform-fields';

// The connect and edit forms as pure functions: form values in, the contract's request out, and every
// refusal (ours before sending, the API's after) pinned to the field it is about.

/** What a form shows under a field or above the buttons: a locale key with its values, or the API's own words. */
export type Problem = { key: string; values?: Record<string, string | number> } | { text: string };

/** Problems by field id (`name`, `departmentId`, `settings.groupId`, `secrets.botToken`…). */
export type Problems = Record<string, Problem>;

/** Where a problem about no particular field goes (the form shows it above its buttons). */
export const FORM_PROBLEM = '';

export interface ChannelFormValues {
  name: string;
  departmentId: string | null;
  /** Every platform field as typed, by field id. */
  values: Record<string, string>;
}

export interface ConnectFormValues extends ChannelFormValues {
  type: MessengerType;
  registerWebhook: boolean;
}

export interface EditFormValues extends ChannelFormValues {
  enabled: boolean;
  /** The ids of the stored secrets the administrator chose to replace; the others stay as they are. */
  replacing: readonly string[];
}

export function isMessenger(type: string): type is MessengerType {
  return (messengerTypes as readonly string[]).includes(type);
}

/** A field's typed text as the schema takes it: empty optional fields are null, numbers are numbers. */
function parseValue(field: PlatformField, raw: string): unknown {
  const text = raw.trim();
  if (text === '') return field.optional ? null : undefined;
  switch (field.kind) {
    case 'integer':
      // A non-number stays text, so the schema names it the wrong type rather than missing.
      return /^-?\d+$/.test(text) ? Number(text) : text;
    case 'list':
      return text.split(/[\s,;]+/).filter(Boolean);
    case 'text':
    case 'secret':
    case 'url':
      return text;
  }
}

/** What a stored setting looks like in its input. */
function formatValue(field: PlatformField, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.kind === 'list' && Array.isArray(value)) return value.join(', ');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

export function settingsOf(type: MessengerType, values: Record<string, string>): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const field of platformFields[type]) if (field.part === 'settings') settings[field.key] = parseValue(field, values[fieldId(field)] ?? '');
  return settings;
}

function secretsOf(type: MessengerType, values: Record<string, string>, include: (field: PlatformField) => boolean): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const field of platformFields[type]) {
    if (field.part !== 'secrets' || !include(field)) continue;
    const value = (values[fieldId(field)] ?? '').trim();
    if (value !== '') secrets[field.key] = value;
  }
  return secrets;
}

/** The edit form's starting values: the stored settings; secrets are never known, so they start empty. */
export function editValuesOf(channel: AdminChannel): EditFormValues {
  const values: Record<string, string> = {};
  if (isMessenger(channel.type)) {
    for (const field of platformFields[channel.type]) values[fieldId(field)] = field.part === 'settings' ? formatValue(field, channel.settings[field.key]) : '';
  }
  return { name: channel.name, departmentId: channel.departmentId, enabled: channel.enabled, values, replacing: [] };
}

type Issue = NonNullable<ReturnType<typeof createChannelRequestSchema.safeParse>['error']>['issues'][number];

function fieldById(type: MessengerType | null, id: string): PlatformField | undefined {
  return type ? platformFields[type].find((f) => fieldId(f) === id) : undefined;
}

/** A schema's complaint in the administrator's language, where we know what it means. */
function problemOf(issue: Issue, id: string, type: MessengerType | null, raw: string): Problem {
  const empty = raw.trim() === '';
  if (id === 'departmentId') return { key: 'channels.validation.department' };
  const field = fieldById(type, id);
  switch (issue.code) {
    case 'invalid_type':
      if (empty) return { key: 'channels.validation.required' };
      break;
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') return { key: 'channels.validation.required' };
      if (issue.origin === 'number') return { key: 'channels.validation.positive' };
      return { text: issue.message };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'channels.validation.tooLong', values: { max: Number(issue.maximum) } };
      return { text: issue.message };
    case 'invalid_format':
      break;
    default:
      return { text: issue.message };
  }
  if (field?.formatHint && type) return { key: `${fieldTextKey(type, field)}.format` };
  return { key: 'channels.validation.format' };
}

/**
 * Issues by the field they are about; an element of a list (`settings.allowedSources.2`) counts for the list,
 * and one about no field we show goes under FORM_PROBLEM.
 */
function problemsOf(issues: readonly Issue[], type: MessengerType | null, form: ChannelFormValues, prefix: string[] = []): Problems {
  const known = new Set(['name', 'departmentId', ...(type ? platformFields[type].map(fieldId) : [])]);
  const problems: Problems = {};
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map(String)];
    const named = path[0] === 'settings' || path[0] === 'secrets' ? path.slice(0, 2).join('.') : (path[0] ?? '');
    const id = known.has(named) ? named : FORM_PROBLEM;
    const raw = id === 'name' ? form.name : id === 'departmentId' ? (form.departmentId ?? '') : (form.values[id] ?? '');
    problems[id] ??= problemOf(issue, id, type, raw);
  }
  return problems;
}

export type Checked<T> = { ok: true; request: T } | { ok: false; problems: Problems };

/** The create request for the API, checked by the contract's own schema first. */
export function buildCreateRequest(form: ConnectFormValues): Checked<CreateChannelRequest> {
  const candidate = {
    type: form.type,
    name: form.name,
    departmentId: form.departmentId ?? undefined,
    settings: settingsOf(form.type, form.values),
    secrets: secretsOf(form.type, form.values, () => true),
    // VK has no API for it: the administrator enters the address in the community's settings.
    registerWebhook: form.type !== 'vk' && form.registerWebhook,
  };
  const parsed = createChannelRequestSchema.safeParse(candidate);
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, problems: problemsOf(parsed.error.issues, form.type, form) };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The update request: only what changed. Settings go whole when any of them changed; a secret goes only when
 * the administrator replaced it (the SPA never has the stored ones to send back). The widget's settings are
 * not edited here.
 */
export function buildUpdateRequest(channel: AdminChannel, form: EditFormValues): Checked<UpdateChannelRequest> {
  const request: UpdateChannelRequest = {};
  if (form.name.trim() !== channel.name) request.name = form.name.trim();
  if (form.departmentId !== channel.departmentId) request.departmentId = form.departmentId ?? undefined;
  if (form.enabled !== channel.enabled) request.enabled = form.enabled;
  const base = updateChannelRequestSchema.safeParse(request);
  let problems: Problems = base.success ? {} : problemsOf(base.error.issues, null, form);

  if (isMessenger(channel.type)) {
    const type = channel.type;
    const schemas = messengerInputSchemas[type];
    const settings = settingsOf(type, form.values);
    if (!sameJson(settings, settingsOf(type, editValuesOf(channel).values))) {
      const parsed = schemas.settings.safeParse(settings);
      if (parsed.success) request.settings = parsed.data;
      else problems = { ...problems, ...problemsOf(parsed.error.issues, type, form, ['settings']) };
    }
    // A secret not stored yet is asked for directly; a stored one only once "Replace" was pressed.
    const secrets = secretsOf(type, form.values, (f) => !channel.secretsSet.includes(f.key) || form.replacing.includes(fieldId(f)));
    if (Object.keys(secrets).length > 0) {
      const parsed = schemas.secrets.partial().safeParse(secrets);
      if (parsed.success) request.secrets = secrets;
      else problems = { ...problems, ...problemsOf(parsed.error.issues, type, form, ['secrets']) };
    }
  }
  if (!base.success || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, request };
}

/**
 * The API's VALIDATION_FAILED, pinned to the fields it names (`secrets.botToken`; a path of the settings or
 * secrets alone, as an update may name them, is found too). `rest`: whether anything was left unpinned,
 * which the form then says above its buttons.
 */
export function problemsFromApi(error: unknown, type: MessengerType | null): { problems: Problems; rest: boolean } {
  if (!(error instanceof ApiRequestError) || error.code !== 'VALIDATION_FAILED') return { problems: {}, rest: true };
  const details = error.details as { issues?: { path: string; message: string }[] } | undefined;
  const issues = details?.issues ?? [];
  const known = new Set(['name', 'departmentId', ...(type ? platformFields[type].map(fieldId) : [])]);
  const problems: Problems = {};
  let rest = issues.length === 0;
  for (const issue of issues) {
    const path = issue.path.replace(/^body\./, '').split('.');
    const candidates = [path.slice(0, 2).join('.'), path[0] ?? '', `settings.${path[0]}`, `secrets.${path[0]}`];
    const id = candidates.find((c) => known.has(c));
    if (id) problems[id] ??= { text: issue.message };
    else rest = true;
  }
  return { problems, rest };
}

/** Which fields of a problem list sit under "Advanced", so the form can open it. */
export function hasAdvancedProblem(type: MessengerType, problems: Problems): boolean {
  return platformFields[type].some((f) => f.advanced && problems[fieldId(f)] !== undefined);
}
