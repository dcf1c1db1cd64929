import { CliError } from '../../platform/cli-error.js';
import type { Print } from './output.js';
import { EventsFormatError, parseEventsCsv } from '../nearrepeat/events.js';
import { knoxTest, type KnoxResult } from '../nearrepeat/knox.js';
import { numberOption, readTextFile, textTable, toJson } from './options.js';

export interface NearRepeatCliOptions {
  events: string;
  distanceBand: string;
  distanceBands: string;
  timeBand: string;
  timeBands: string;
  metric: string;
  iterations: string;
  seed: string;
  nrcBands?: boolean;
  monthFirst?: boolean;
  json?: boolean;
}

export async function runNearRepeat(opts: NearRepeatCliOptions, print: Print): Promise<void> {
  const metric = String(opts.metric);
  if (metric !== 'manhattan' && metric !== 'euclidean')
    throw new CliError(`--metric must be manhattan or euclidean (got "${metric}")`);
  const options = {
    distanceBand: numberOption(opts.distanceBand, '--distance-band', { exclusiveMin: 0 }),
    distanceBands: numberOption(opts.distanceBands, '--distance-bands', { integer: true, min: 1, max: 100 }),
    timeBand: numberOption(opts.timeBand, '--time-band', { exclusiveMin: 0 }),
    timeBands: numberOption(opts.timeBands, '--time-bands', { integer: true, min: 1, max: 100 }),
    iterations: numberOption(opts.iterations, '--iterations', { integer: true, min: 1, max: 100_000 }),
    seed: numberOption(opts.seed, '--seed', { integer: true }),
    metric: metric as 'manhattan' | 'euclidean',
    nrcBands: Boolean(opts.nrcBands),
  } as const;
  let events;
  try {
    events = parseEventsCsv(await readTextFile(opts.events, 'events file'), {
      monthFirst: Boolean(opts.monthFirst),
    });
  } catch (err) {
    if (err instanceof EventsFormatError) throw new CliError(`${opts.events}: ${err.message}`);
    throw err;
  }
  if (events.days.length < 2) throw new CliError('the Knox test needs at least two events');
  const result = knoxTest(events.xs, events.ys, events.days, options);
  print(opts.json ? `${toJson(result)}\n` : formatKnox(result));
}

export function formatKnox(r: KnoxResult): string {
  const section = (title: string, table: number[][], digits: number) =>
    `${title}\n${textTable(
      ['', ...r.columnLabels],
      table.map((row, i) => [
        r.rowLabels[i],
        ...row.map((v) => (Number.isFinite(v) ? v.toFixed(digits) : '-')),
      ]),
    )}\n`;
  return [
    `${r.events} events, ${r.iterations} permutations of the dates\n`,
    section('Observed pairs', r.observed, 0),
    section('Expected pairs (mean over permutations)', r.expected, 2),
    section('Knox ratio (observed / expected)', r.ratio, 3),
    section(`p-value ((1 + permutations >= observed) / ${r.iterations + 1})`, r.pValue, 3),
  ].join('\n');
}
