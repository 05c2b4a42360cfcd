export { applyPresence, dispatcherKeys, useMyPresence, useOperatorStatuses } from './api/presence';
export { StatusDot, StatusSwitcher, statusColor } from './components/status-switcher';
