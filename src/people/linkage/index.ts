export { trainModel, linkAll, type LinkOptions } from './link.js';
export { LinkageIndex, type IndexOptions, type MatchOptions } from './linkage-index.js';
export { DEFAULT_THRESHOLDS, type TrainOptions } from './train.js';
export { normalisePhone, normalisePostcode, normaliseAddress, parseDob } from './normalise.js';
export type * from './types.js';
