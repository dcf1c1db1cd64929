import type { Command } from 'commander';
import { printerFor } from './output.js';

export function registerImportCommands(program: Command): void {
  const group = program.command('import').description('Import data for analysis');
  group
    .command('police-uk')
    .description(
      'Import police.uk street-level crime files into the database, clipped to the partnership boundary. ' +
        'Importing the same file again adds nothing. One transaction: a wrong file or a rejected row (unless --skip-rejected) writes nothing.',
    )
    .argument('<paths...>', 'police.uk street-level CSV files, or folders of them')
    .option('--skip-rejected', 'import the valid rows and list the rejected ones (by default one rejected row refuses the import)')
    .option('--partnership <code>', 'partnership code', 'city-of-london')
    .option('--json', 'print the summary as JSON')
    .action(async (paths: string[], opts, cmd: Command) => {
      const { runPoliceUkImport } = await import('./import-run.js');
      await runPoliceUkImport(paths, opts, printerFor(cmd));
    });
}
