/** Names of the prediction methods, without loading them (the CLI lists them in its help). */
export const PREDICTION_METHOD_NAMES = ['shrunk-counts', 'prior-counts', 'blended', 'kde', 'gistar'] as const;

export type PredictionMethodName = (typeof PREDICTION_METHOD_NAMES)[number];

export const DEFAULT_METHOD: PredictionMethodName = 'shrunk-counts';
