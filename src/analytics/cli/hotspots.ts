import type { Command } from 'commander';
import { printerFor } from './output.js';
import { DEFAULT_METHOD, PREDICTION_METHOD_NAMES } from '../predict/method-names.js';

// Commands register cheaply; each loads its engine (h3, proj4, turf...) only when run.
export function registerHotspotCommands(program: Command): void {
  const hotspots = program.command('hotspots').description('Hot spot statistics and prediction accuracy');

  hotspots
    .command('gistar')
    .description(
      'Getis-Ord Gi* z-scores (binary distance-band weights, focal point included), one per point in input order',
    )
    .requiredOption('--points <file>', 'CSV with a header naming columns x, y, value')
    .requiredOption('--distance-band <d>', 'neighbours are the points within this distance (inclusive)')
    .option('--json', 'print {"z":[...]}')
    .action(async (opts, cmd: Command) => {
      const { runGiStar } = await import('./hotspots-run.js');
      await runGiStar(opts, printerFor(cmd));
    });

  hotspots
    .command('evaluate')
    .description('Score monthly hot spot predictions on police.uk data: hit rate, PAI and PEI per month')
    .requiredOption('--crimes <dir>', 'folder of police.uk street-level CSV files')
    .requiredOption('--boundary <file>', 'study area GeoJSON (WGS84 or British National Grid)')
    .requiredOption('--crime-type <type>', 'police.uk crime type, e.g. "Theft from the person"')
    .requiredOption('--cell <metres>', 'square cell size in metres')
    .requiredOption('--coverage <fraction>', 'share of cells flagged each month, e.g. 0.05')
    .requiredOption(
      '--train <months>',
      'training months before each scored month (the first this many months are not scored)',
    )
    .option(
      '--method <name>',
      `${PREDICTION_METHOD_NAMES.join(' | ')}. shrunk-counts (the default): each cell's count in the --train months, ` +
        `shrunk toward where all crime types happened in the same months (empirical Bayes). prior-counts: the cells with most ` +
        `crimes in the --train months. kde and gistar: the --train months smoothed (150 m). These use only the --train months. ` +
        `blended also uses every month before them, with less weight (0.7, halving every 12 months further back). ` +
        `No method ever sees the month it is scored on or any later month.`,
      DEFAULT_METHOD,
    )
    .option('--json', 'print the result as JSON')
    .action(async (opts, cmd: Command) => {
      const { runEvaluate } = await import('./hotspots-run.js');
      await runEvaluate(opts, printerFor(cmd));
    });
}
