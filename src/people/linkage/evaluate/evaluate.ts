import { linkAll } from '../link.js';
import { loadPeopleCsv, parseTruth } from './csv-input.js';
import { evaluateClusters, type EvaluationScores } from './metrics.js';

export interface EvaluateOptions {
  input: string;
  link?: string;
  truth: string;
  map?: string;
}

export interface EvaluationResult extends EvaluationScores {
  records: number;
  mode: 'deduplicate' | 'link';
  seconds: number;
}

/** Loads the file(s), links them with a model trained on them, and scores against the truth. */
export function runEvaluation(opts: EvaluateOptions): EvaluationResult {
  const started = performance.now();
  const truth = parseTruth(opts.truth);
  const first = loadPeopleCsv(opts.input, truth, opts.map, opts.link ? 'a:' : '');
  const second = opts.link ? loadPeopleCsv(opts.link, truth, opts.map, 'b:') : null;
  const records = second ? [...first.records, ...second.records] : first.records;
  const labels = second ? [...first.truth, ...second.truth] : first.truth;
  const result = linkAll(records);
  const clusterOf = new Map<string, string>();
  result.clusters.forEach((c, n) => c.forEach((id) => clusterOf.set(id, String(n))));
  const predicted = records.map((r) => clusterOf.get(r.id)!);
  const sources = second ? records.map((r) => r.source ?? '') : null;
  const scores = evaluateClusters(predicted, labels, sources);
  return {
    records: records.length,
    mode: second ? 'link' : 'deduplicate',
    ...scores,
    seconds: (performance.now() - started) / 1000,
  };
}
