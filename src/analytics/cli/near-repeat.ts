import type { Command } from 'commander';
import { printerFor } from './output.js';

export function registerNearRepeatCommand(program: Command): void {
  program
    .command('near-repeat')
    .description(
      'Knox test for near repeats: observed pairs by distance and time band against date permutations',
    )
    .requiredOption('--events <file>', 'CSV of x, y, date (metres; header optional)')
    .requiredOption('--distance-band <m>', 'width of each distance band')
    .requiredOption('--distance-bands <n>', 'number of distance bands')
    .requiredOption('--time-band <days>', 'width of each time band in days')
    .requiredOption('--time-bands <n>', 'number of time bands')
    .option('--metric <metric>', 'manhattan | euclidean', 'manhattan')
    .option('--iterations <k>', 'Monte Carlo permutations of the dates', '99')
    .option('--nrc-bands', 'count a band labelled "a to b" on [a-1, b), as the Near Repeat Calculator does')
    .option('--seed <s>', 'random seed', '1')
    .option('--month-first', 'read slashed dates as MM/DD/YYYY instead of DD/MM/YYYY')
    .option('--json', 'print the tables as JSON')
    .action(async (opts, cmd: Command) => {
      const { runNearRepeat } = await import('./near-repeat-run.js');
      await runNearRepeat(opts, printerFor(cmd));
    });
}
