import type { AppModule } from '../platform/module.js';
import { registerHotspotCommands } from './cli/hotspots.js';
import { registerNearRepeatCommand } from './cli/near-repeat.js';
import { registerPoliceUkCommands } from './cli/police-uk.js';

export const analyticsModule: AppModule = {
  name: 'analytics',
  cli: (program) => {
    registerHotspotCommands(program);
    registerNearRepeatCommand(program);
    registerPoliceUkCommands(program);
  },
};
