// The settings screens, loaded on demand (the workspace only needs the settings' query from index.ts).
export { CustomFieldsPage } from './routes/custom-fields-page';
export { SettingsLayout } from './routes/settings-layout';
export { SettingsPage } from './routes/settings-page';
export { StatusesPage } from './routes/statuses-page';
