export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export interface EvaluationScores {
  pairs: Scores & { predicted: number; true: number; correct: number };
  clusters: Scores & { predicted: number; true: number; exact: number };
}

function scores(correct: number, predicted: number, truth: number): Scores {
  const precision = predicted === 0 ? 1 : correct / predicted;
  const recall = truth === 0 ? 1 : correct / truth;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Pairs inside one group: all pairs, or only pairs across sources when `sources` is given. */
function pairsIn(members: readonly number[], sources: readonly string[] | null): number {
  const n = members.length;
  if (!sources) return (n * (n - 1)) / 2;
  const bySource = new Map<string, number>();
  for (const i of members) bySource.set(sources[i], (bySource.get(sources[i]) ?? 0) + 1);
  let same = 0;
  for (const c of bySource.values()) same += c * c;
  return (n * n - same) / 2;
}

function groupBy(labels: readonly string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const g = out.get(l);
    if (g) g.push(i);
    else out.set(l, [i]);
  });
  return out;
}

/**
 * Scores predicted clusters against true ones (one label per record each).
 * Pairs: precision and recall over record pairs put in one cluster (only pairs across sources
 * when linking). Clusters: exact-cluster match, a predicted cluster counting only if it holds
 * exactly the records of one true cluster; precision = exact / predicted clusters,
 * recall = exact / true clusters (singletons included). An empty denominator scores 1.
 */
export function evaluateClusters(
  predicted: readonly string[],
  truth: readonly string[],
  sources: readonly string[] | null = null,
): EvaluationScores {
  const pred = groupBy(predicted);
  const real = groupBy(truth);
  let predPairs = 0;
  let exact = 0;
  for (const members of pred.values()) {
    predPairs += pairsIn(members, sources);
    const t = truth[members[0]];
    if (members.every((i) => truth[i] === t) && real.get(t)!.length === members.length) exact++;
  }
  let truePairs = 0;
  for (const members of real.values()) truePairs += pairsIn(members, sources);
  const both = groupBy(predicted.map((p, i) => `${p}\u0000${truth[i]}`));
  let correct = 0;
  for (const members of both.values()) correct += pairsIn(members, sources);
  return {
    pairs: { ...scores(correct, predPairs, truePairs), predicted: predPairs, true: truePairs, correct },
    clusters: { ...scores(exact, pred.size, real.size), predicted: pred.size, true: real.size, exact },
  };
}
