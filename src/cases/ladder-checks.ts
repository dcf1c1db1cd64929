/**
 * Checks other modules add to the powers ladder, registered by them so cases never imports a higher
 * module. Street operations adds support before enforcement (the Luscombe model): a check may refuse
 * a step unless a named override reason is given, or warn that a step is out of order.
 */
import type { AppDeps } from '../platform/module.js';
import type { PowerKey } from './rules/powers-ladder.js';

export interface LadderCheckInput {
  partnershipId: string;
  personId: string;
  power: PowerKey;
  /** 0 informal ... 4 order on conviction. */
  rung: number;
  statutory: boolean;
  issuedOn: string;
  /** The person's other steps on the ladder. */
  others: { power: PowerKey; issuedOn: string }[];
}

export interface LadderCheckIssue {
  /** 'refuse': refused unless an override reason is given (and audited); 'warning': must be acknowledged. */
  kind: 'refuse' | 'warning';
  code: string;
  message: string;
}

export type LadderCheck = (deps: AppDeps, input: LadderCheckInput) => Promise<LadderCheckIssue[]>;

const checks: LadderCheck[] = [];

export function registerLadderCheck(check: LadderCheck): void {
  if (!checks.includes(check)) checks.push(check);
}

export async function runLadderChecks(deps: AppDeps, input: LadderCheckInput): Promise<LadderCheckIssue[]> {
  const out: LadderCheckIssue[] = [];
  for (const c of checks) out.push(...(await c(deps, input)));
  return out;
}
