import type { Command } from 'commander';
import { printerFor } from './output.js';

export function registerPoliceUkCommands(program: Command): void {
  const policeUk = program.command('police-uk').description('police.uk street-level crime files');
  policeUk
    .command('check')
    .description(
      'Validate police.uk CSV files: rows imported, outside the boundary, without location, rejected (with reasons)',
    )
    .argument('<files...>', 'police.uk street-level CSV files')
    .option('--boundary <file>', 'study area GeoJSON (WGS84 or British National Grid)')
    .option('--json', 'print the summaries and rejections as JSON')
    .action(async (files: string[], opts, cmd: Command) => {
      const { runCheck } = await import('./police-uk-run.js');
      await runCheck(files, opts, printerFor(cmd));
    });
}
