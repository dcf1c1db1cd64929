import type { Boundary } from '../geo/boundary.js';
import { squareGrid } from '../hotspots/grid.js';
import type { PoliceUkCrime } from '../policeuk/row.js';
import { evaluatePredictions, monthRange, type EvaluationResult } from './evaluate.js';
import { DEFAULT_METHOD, type PredictionMethodName } from './methods.js';

export interface CrimePredictionOptions {
  boundary: Boundary;
  crimeType: string;
  /** Cell size in metres. */
  cellSize: number;
  coverage: number;
  train: number;
  method?: PredictionMethodName;
}

/**
 * Scores hot spot predictions for one crime type over located crimes (e.g. the imported rows of
 * police.uk files), on square cells over the boundary. All crime types give the method context.
 */
export function evaluateCrimePredictions(
  crimes: readonly PoliceUkCrime[],
  options: CrimePredictionOptions,
): EvaluationResult {
  const located = crimes
    .filter(
      (c) =>
        c.longitude !== null &&
        c.latitude !== null &&
        options.boundary.containsLonLat(c.longitude, c.latitude),
    )
    .map((c) => ({
      month: c.month,
      x: c.easting as number,
      y: c.northing as number,
      type: c.crimeType.toLowerCase(),
    }));
  const wanted = options.crimeType.trim().toLowerCase();
  const grid = squareGrid({ size: options.cellSize, boundary: options.boundary });
  return evaluatePredictions(
    located.filter((c) => c.type === wanted),
    {
      grid,
      coverage: options.coverage,
      train: options.train,
      method: options.method ?? DEFAULT_METHOD,
      context: located,
      // Every month of the data, even one without this crime type, is a month.
      months: monthRange(located.map((c) => c.month)),
    },
  );
}
