import type { Command } from 'commander';
import { registerHotspotCommands } from './hotspots.js';
import { registerImportCommands } from './import.js';
import { registerNearRepeatCommand } from './near-repeat.js';
import { registerPoliceUkCommands } from './police-uk.js';

export function registerAnalyticsCli(program: Command): void {
  registerHotspotCommands(program);
  registerNearRepeatCommand(program);
  registerPoliceUkCommands(program);
  registerImportCommands(program);
}
