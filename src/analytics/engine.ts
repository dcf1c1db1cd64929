/**
 * The analysis engine's public API, for the import, pages and maps: pure functions over typed
 * rows, no database. (The module's AppModule, with its commands, is in index.ts.)
 */
export { toBng, toWgs84, isInUk, BNG_PROJ4 } from './geo/bng.js';
export {
  boundaryFromGeoJson,
  readBoundaryFile,
  BoundaryError,
  type Boundary,
  type BBox,
} from './geo/boundary.js';

export { POLICE_UK_COLUMNS, PoliceUkFormatError } from './policeuk/columns.js';
export {
  parsePoliceUkCsv,
  parsePoliceUkFile,
  readPoliceUkBatches,
  readPoliceUkRows,
  listCsvFiles,
  type CsvSource,
  type PoliceUkParseOptions,
  type PoliceUkParseResult,
  type PoliceUkProgress,
} from './policeuk/parse.js';
export { parsePoliceUkFolder } from './policeuk/folder.js';
export { RowKeys, type PoliceUkCrime, type PoliceUkRecord, type PoliceUkRejection } from './policeuk/row.js';

export {
  squareGrid,
  gridCells,
  countInCells,
  cellIndexAt,
  type SquareGrid,
  type GridCell,
  type XY,
} from './hotspots/grid.js';
export { hexCells, hexOutline, countInHexagons, type HexCell, type LonLat } from './hotspots/hexagons.js';
export { kernelDensity } from './hotspots/kde.js';
export { giStar, type GiStarResult } from './hotspots/gistar.js';
export { benjaminiHochberg, twoSidedP, normalCdf } from './hotspots/stats.js';
export {
  classifyHotCold,
  classifyAcrossPeriods,
  classifyCellsAcrossPeriods,
  type HotColdClass,
  type PeriodTrend,
} from './hotspots/classify.js';
export { cellHotspots, cellHotspotTrends } from './hotspots/analyse.js';

export {
  evaluatePredictions,
  monthlyCellCounts,
  monthRange,
  type EvaluationResult,
  type MonthScore,
  type MonthlyPoint,
} from './predict/evaluate.js';
export { evaluateCrimePredictions } from './predict/from-crimes.js';
export {
  PREDICTION_METHODS,
  DEFAULT_METHOD,
  type PredictionMethodName,
  type PredictionMethod,
} from './predict/methods.js';

export { knoxTest, type KnoxOptions, type KnoxResult } from './nearrepeat/knox.js';
export { parseEventsCsv, parseDay } from './nearrepeat/events.js';

export { hourWeekdayMatrix, WEEKDAYS } from './trends/hour-weekday.js';
export { monthlyTrend, type MonthlyTrendPoint } from './trends/monthly.js';
export { rankRepeatLocations, type RepeatLocationRanking } from './trends/repeat-locations.js';
