import type { assignStrategies } from '@omnichannel/contracts';

export type AssignStrategy = (typeof assignStrategies)[number];
