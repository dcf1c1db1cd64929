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
    .option(
      '--skip-rejected',
      'import the valid rows and list the rejected ones (by default one rejected row refuses the import)',
    )
    .option('--partnership <code>', 'partnership code', 'city-of-london')
    .option('--json', 'print the summary as JSON')
    .action(async (paths: string[], opts, cmd: Command) => {
      const { runPoliceUkImport } = await import('./import-run.js');
      await runPoliceUkImport(paths, opts, printerFor(cmd));
    });

  group
    .command('partner')
    .description(
      'Import a partner CSV (events such as noise complaints or cleansing jobs, or CCTV cameras or street-light units). ' +
        'The columns are matched as saved for the source, or as given with --map, or guessed from the header; the matching is saved with the import.',
    )
    .argument('<file>', 'the CSV file (first line names the columns)')
    .requiredOption('--source <name>', 'the source, e.g. "Noise complaints" (its code is made from the name)')
    .option('--kind <kind>', 'for a new source: events | cctv | streetlight', 'events')
    .option(
      '--map <field=column...>',
      'match a field to a column, e.g. date="Date received" (fields: id, date, time, category, latitude, longitude, easting, northing, location, outcome, label, status)',
    )
    .option('--month-first', 'read slashed dates as MM/DD/YYYY instead of DD/MM/YYYY')
    .option('--skip-rejected', 'import the valid rows and list the rejected ones')
    .option('--partnership <code>', 'partnership code', 'city-of-london')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, opts, cmd: Command) => {
      const { runPartnerImport } = await import('./import-run.js');
      await runPartnerImport(file, opts, printerFor(cmd));
    });

  group
    .command('areas')
    .description(
      "Load the partnership's small areas (e.g. LSOAs) from GeoJSON, replacing those held; their union is the boundary imports are clipped to",
    )
    .argument(
      '<file>',
      'GeoJSON FeatureCollection, WGS84 or British National Grid, one feature per area (code and name from LSOA11CD/LSOA21CD and ...NM, or code and name)',
    )
    .option('--partnership <code>', 'partnership code', 'city-of-london')
    .action(async (file: string, opts, cmd: Command) => {
      const { runAreasImport } = await import('./import-run.js');
      await runAreasImport(file, opts, printerFor(cmd));
    });
}
