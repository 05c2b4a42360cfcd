// The dispatcher's settings screens, loaded on demand (the workspace only needs the switcher from index.ts).
export { DispatcherPage } from './routes/dispatcher-page';
export { OperatorStatusesPage } from './routes/operator-statuses-page';
export { SlaPage } from './routes/sla-page';
