export { omniSettingsQuery, settingsKeys, useOmniSettings } from './api/settings';
