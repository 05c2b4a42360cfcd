export { omniSettingsQuery, settingsKeys, useOmniSettings } from './api/settings';
export { SettingsPage } from './routes/settings-page';
