/** One person record as typed by a team: any field may be missing. */
export interface PersonRecord {
  id: string;
  givenName?: string | null;
  surname?: string | null;
  /** ISO date (YYYY-MM-DD), partial (YYYY-MM, YYYY), YYYYMMDD or DD/MM/YYYY. */
  dob?: string | null;
  phones?: readonly string[] | null;
  email?: string | null;
  addressLines?: readonly string[] | null;
  postcode?: string | null;
  uprn?: string | null;
  city?: string | null;
  suburb?: string | null;
  /** State, county or region. */
  state?: string | null;
  /** When linking two sets, which set the record is from: pairs are only made across sets. */
  source?: string | null;
}

/** A staff decision on a pair of records; it overrides the model. */
export interface StaffDecision {
  a: string;
  b: string;
  decision: 'confirmed' | 'rejected';
}

export type Band = 'link' | 'possible' | 'none';

export interface LevelParams {
  label: string;
  /** P(level | same person). */
  m: number;
  /** P(level | different people), from random pairs. */
  u: number;
}

export interface ComparisonParams {
  name: string;
  levels: LevelParams[];
  /** The first level's weight is adjusted by how common the agreeing value is. */
  tfAdjusted: boolean;
}

/** A trained Fellegi-Sunter model; plain JSON, so it can be stored. */
export interface LinkageModel {
  version: 1;
  comparisons: ComparisonParams[];
  /** Expected number of other records of the same person per record (sets the prior for any set size). */
  matchesPerRecord: number;
  /** Probability at or above which a pair links automatically. */
  linkProbability: number;
  /** Probability at or above which a pair goes to the review queue. */
  possibleProbability: number;
  /** Records scoring below this on filled-in identifying fields never link automatically. */
  minInformation: number;
  /** Two groups of records join only when the mean pair probability between them reaches this. */
  minMeanProbability: number;
  trainedOn: { records: number; candidatePairs: number; emIterations: number; converged: boolean };
}

export interface FieldExplanation {
  comparison: string;
  /** The agreement level, or 'missing' when either record lacks the field. */
  level: string;
  /** log2 Bayes factor for this field (0 when missing); includes any term-frequency adjustment. */
  weight: number;
  m?: number;
  u?: number;
  /** Set when the weight was adjusted for how common the shared value is. */
  termFrequency?: number;
}

export interface PairExplanation {
  a: string;
  b: string;
  fields: FieldExplanation[];
  /** log2 prior odds of two records in this set being the same person. */
  priorWeight: number;
  /** priorWeight + the sum of field weights. */
  matchWeight: number;
  probability: number;
  band: Band;
  /** Why a high-scoring pair is not linked automatically, if so. */
  note?: string;
}

export interface ScoredPair {
  a: string;
  b: string;
  matchWeight: number;
  probability: number;
}

export interface LinkResult {
  /** Every record in exactly one cluster (one person); record ids. */
  clusters: string[][];
  /** Pairs in different clusters scoring in the possible band or above, for staff review. */
  possibleMatches: ScoredPair[];
  /** Staff confirmations that could not be applied because they contradict a rejection. */
  conflicts: StaffDecision[];
  model: LinkageModel;
  /** Wall seconds in all and by stage (prepare+block+compare, train, score, cluster). */
  stats: { records: number; candidatePairs: number; seconds: number; stages: Record<string, number> };
}

export interface PersonCandidate {
  personId: string;
  band: Band;
  /** Best pair probability between the new record and the person's records. */
  probability: number;
  matchWeight: number;
  /** Mean pair probability over the person's records that were scored. */
  meanProbability: number;
  /** The best pair, explained. */
  explanation: PairExplanation;
}
