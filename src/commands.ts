import type { Command } from 'commander';
import { registerPlatformCli, withDeps, type WithServices } from './platform/cli.js';
import type { Services } from './composition.js';
import { registerAnalyticsCli } from './analytics/cli/register.js';
import { registerCaseReviewCli } from './case-review/cli.js';
import { registerPeopleCli } from './people/cli.js';
import { registerPlanCli } from './plan/cli.js';
import { registerNteCli } from './nte/cli.js';
import { registerApiKeysCli } from './reports/api/cli.js';
import { registerPrivacyCli } from './privacy/cli.js';

/**
 * Every command of `asbhub`. Kept apart from the module list so that a command loads only what it
 * uses: the web app and the database are imported inside the commands that need them.
 */
export const commandRegistrations: ((program: Command, withServices: WithServices<Services>) => void)[] = [
  registerPlatformCli,
  registerPeopleCli,
  registerAnalyticsCli,
  registerCaseReviewCli,
  registerPlanCli,
  registerNteCli,
  registerApiKeysCli,
  registerPrivacyCli,
];

/** Opens the database for one command and builds the service graph on it (src/composition.ts). */
export const withServices: WithServices<Services> = (fn) =>
  withDeps(async (deps, database) => {
    const { createServices } = await import('./composition.js');
    return fn(createServices(deps), deps, database);
  });
