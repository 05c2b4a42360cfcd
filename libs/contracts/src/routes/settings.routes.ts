import { Permission } from '../permissions';
import { omniSettingsSchema, updateOmniSettingsRequestSchema } from '../settings';
import { employeeAccess } from './access';
import { defineRoutes } from './define-route';

export const settingsRoutes = defineRoutes('settings', {
  omni: {
    summary: 'The module settings',
    description: 'Every Omni user\'s workspace follows them (waiting timer, colours, shown channels and statuses).',
    access: employeeAccess(Permission.OmniAccess),
    response: omniSettingsSchema,
  },
  updateOmni: {
    summary: 'Change the module settings (PERM-3)',
    description: 'Only the fields given change.',
    access: employeeAccess(Permission.OmniSettings),
    body: updateOmniSettingsRequestSchema,
    response: omniSettingsSchema,
  },
});
