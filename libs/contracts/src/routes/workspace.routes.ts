import { idParamSchema } from '../admin';
import { ErrorCode } from '../error-codes';
import { Permission } from '../permissions';
import { statusCodeParamSchema } from '../tickets';
import {
  customFieldInputSchema,
  customFieldListSchema,
  customFieldSchema,
  directorySchema,
  templateInputSchema,
  templateListSchema,
  templateSchema,
  templateSearchQuerySchema,
  ticketStatusInputSchema,
  ticketStatusListSchema,
  ticketStatusSchema,
} from '../workspace';
import { employeeAccess } from './access';
import { defineRoutes } from './define-route';

const omni = employeeAccess(Permission.OmniAccess);
const omniSettings = employeeAccess(Permission.OmniSettings);

/** TPL-1, TPL-2: reply templates. */
export const templateRoutes = defineRoutes('templates', {
  search: {
    summary: 'Templates the reply box offers after "/"',
    description: 'TPL-2: for the chat\'s channel, whose tags start with `tag`.',
    access: omni,
    query: templateSearchQuerySchema,
    response: templateListSchema,
  },
  list: { summary: 'Every template', access: omniSettings, response: templateListSchema },
  create: {
    summary: 'Create a template',
    description: 'Files are uploaded first (POST /attachments) and given by id.',
    access: omniSettings,
    body: templateInputSchema,
    response: templateSchema,
    status: 201,
    errors: { [ErrorCode.AttachmentNotFound]: null },
  },
  update: {
    summary: 'Change a template',
    access: omniSettings,
    params: idParamSchema,
    body: templateInputSchema,
    response: templateSchema,
    errors: { [ErrorCode.TemplateNotFound]: null, [ErrorCode.AttachmentNotFound]: null },
  },
  remove: {
    summary: 'Delete a template',
    access: omniSettings,
    params: idParamSchema,
    errors: { [ErrorCode.TemplateNotFound]: null },
  },
});

/** WORK-4: the administrator's fields of clients and tickets. */
export const customFieldRoutes = defineRoutes('customFields', {
  list: { summary: 'Every custom field', description: 'Every Omni user\'s client panel shows them.', access: omni, response: customFieldListSchema },
  create: {
    summary: 'Create a custom field',
    access: omniSettings,
    body: customFieldInputSchema,
    response: customFieldSchema,
    status: 201,
    errors: { [ErrorCode.CustomFieldTaken]: null },
  },
  update: {
    summary: 'Change a custom field',
    description: 'A field keeps its key and what it belongs to.',
    access: omniSettings,
    params: idParamSchema,
    body: customFieldInputSchema,
    response: customFieldSchema,
    errors: { [ErrorCode.CustomFieldNotFound]: null },
  },
  remove: {
    summary: 'Delete a custom field',
    access: omniSettings,
    params: idParamSchema,
    errors: { [ErrorCode.CustomFieldNotFound]: null },
  },
});

/** CORE-4: configurable ticket statuses. */
export const statusRoutes = defineRoutes('statuses', {
  list: { summary: 'Every ticket status', access: omni, response: ticketStatusListSchema },
  create: {
    summary: 'Create a ticket status',
    access: omniSettings,
    body: ticketStatusInputSchema,
    response: ticketStatusSchema,
    status: 201,
    errors: { [ErrorCode.StatusTaken]: null },
  },
  update: {
    summary: 'Change a ticket status',
    description: 'The code stays; the live chat\'s own statuses stay open or final.',
    access: omniSettings,
    params: statusCodeParamSchema,
    body: ticketStatusInputSchema,
    response: ticketStatusSchema,
    errors: { [ErrorCode.StatusNotFound]: null },
  },
  remove: {
    summary: 'Delete a ticket status no ticket has',
    access: omniSettings,
    params: statusCodeParamSchema,
    errors: { [ErrorCode.StatusNotFound]: null, [ErrorCode.StatusInUse]: null },
  },
});

export const directoryRoutes = defineRoutes('directory', {
  read: {
    summary: 'Colleagues, departments and groups by name',
    description: 'WORK-5, WORK-10, DSP-3: who a conversation can go to and what rules can name; names only.',
    access: omni,
    response: directorySchema,
  },
});
