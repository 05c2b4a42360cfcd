export * from './auth';
export * from './channels';
export * from './common';
export * from './errors';
export * from './realtime';
export * from './tickets';
export * from './widget';
