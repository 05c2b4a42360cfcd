export { omniSettingsQuery, settingsKeys, useOmniSettings, useUpdateOmniSettings } from './api/settings';
