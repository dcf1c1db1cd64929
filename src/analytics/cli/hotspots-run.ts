import { CliError } from '../../platform/cli-error.js';
import type { Print } from './output.js';
import { BoundaryError, readBoundaryFile } from '../geo/boundary.js';
import { giStar } from '../hotspots/gistar.js';
import { parseValuedPointsCsv, PointsFormatError } from '../hotspots/points-csv.js';
import { PoliceUkFormatError } from '../policeuk/columns.js';
import { parsePoliceUkFolder } from '../policeuk/folder.js';
import { evaluateCrimePredictions } from '../predict/from-crimes.js';
import { PREDICTION_METHOD_NAMES, type PredictionMethodName } from '../predict/method-names.js';
import { numberOption, readTextFile, textTable, toJson } from './options.js';

export async function runGiStar(
  opts: { points: string; distanceBand: string; json?: boolean },
  print: Print,
): Promise<void> {
  const band = numberOption(opts.distanceBand, '--distance-band', { min: 0 });
  let points;
  try {
    points = parseValuedPointsCsv(await readTextFile(opts.points, 'points file'));
  } catch (err) {
    if (err instanceof PointsFormatError) throw new CliError(`${opts.points}: ${err.message}`);
    throw err;
  }
  const { z } = giStar(points.xs, points.ys, points.values, { distanceBand: band });
  print(
    opts.json
      ? `${toJson({ z: Array.from(z) })}\n`
      : Array.from(z, (v) => v.toFixed(6)).join('\n') + (z.length ? '\n' : ''),
  );
}

export interface EvaluateCliOptions {
  crimes: string;
  boundary: string;
  crimeType: string;
  cell: string;
  coverage: string;
  train: string;
  method: string;
  json?: boolean;
}

export async function runEvaluate(opts: EvaluateCliOptions, print: Print): Promise<void> {
  const cellSize = numberOption(opts.cell, '--cell', { exclusiveMin: 0 });
  const coverage = numberOption(opts.coverage, '--coverage', { exclusiveMin: 0, max: 1 });
  const train = numberOption(opts.train, '--train', { integer: true, min: 1 });
  const method = opts.method as PredictionMethodName;
  if (!PREDICTION_METHOD_NAMES.includes(method))
    throw new CliError(`unknown --method ${method}; choose one of ${PREDICTION_METHOD_NAMES.join(', ')}`);
  const boundary = await readBoundaryFile(opts.boundary).catch((err: unknown) => {
    throw err instanceof BoundaryError ? new CliError(err.message) : err;
  });
  const folder = await parsePoliceUkFolder(opts.crimes, { boundary }).catch((err: NodeJS.ErrnoException) => {
    if (err instanceof PoliceUkFormatError) throw new CliError(err.message);
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR')
      throw new CliError(`cannot read the crimes folder ${opts.crimes}`);
    throw err;
  });
  if (folder.files.length === 0) throw new CliError(`no .csv files in ${opts.crimes}`);
  const types = new Set(folder.imported.map((c) => c.crimeType));
  const wanted = String(opts.crimeType).trim().toLowerCase();
  if (![...types].some((t) => t.toLowerCase() === wanted)) {
    throw new CliError(
      `no "${opts.crimeType}" crimes inside the boundary; crime types found: ${[...types].sort().join(', ')}`,
    );
  }
  const result = evaluateCrimePredictions(folder.imported, {
    boundary,
    crimeType: opts.crimeType,
    cellSize,
    coverage,
    train,
    method,
  });
  if (result.months.length === 0)
    throw new CliError(`the data span ${train} month(s) or fewer: nothing left to score after training`);
  if (opts.json) {
    print(
      `${toJson({
        method: result.method,
        months: result.months.map((m) => ({ month: m.month, hitRate: m.hitRate, pai: m.pai, pei: m.pei })),
        meanPai: result.meanPai,
        meanHitRate: result.meanHitRate,
      })}\n`,
    );
    return;
  }
  const f = (v: number | null, d: number) => (v === null ? '-' : v.toFixed(d));
  const rows = result.months.map((m) => [
    m.month,
    String(m.crimes),
    String(m.hits),
    f(m.hitRate, 3),
    f(m.pai, 2),
    f(m.pei, 3),
  ]);
  rows.push(['mean', '', '', f(result.meanHitRate, 3), f(result.meanPai, 2), f(result.meanPei, 3)]);
  print(
    `method ${result.method}: ${result.flaggedCells} of ${result.cells} cells of ${cellSize} m flagged each month\n` +
      `${textTable(['month', 'crimes', 'hits', 'hit rate', 'PAI', 'PEI'], rows)}\n`,
  );
}
