export { narrowTemplates, searchTemplates, templateKeys, templateSearchQuery, templatesQuery, useDeleteTemplate, useSaveTemplate, useTemplateSearch, useTemplates } from './api/templates';
export { useUploads, type PendingFile } from './api/uploads';
export { FileChip, uploadErrorText } from './components/file-chip';
export { formatBytes } from './components/format-bytes';
export { TemplatesPage } from './routes/templates-page';
