import type { Command } from 'commander';
import { registerPlatformCli } from './platform/cli.js';
import { registerAnalyticsCli } from './analytics/cli/register.js';
import { registerCaseReviewCli } from './case-review/cli.js';
import { registerPeopleCli } from './people/cli.js';
import { registerPrivacyCli } from './privacy/cli.js';

/**
 * Every command of `asbhub`. Kept apart from the module list so that a command loads only what it
 * uses: the web app and the database are imported inside the commands that need them.
 */
export const commandRegistrations: ((program: Command) => void)[] = [
  registerPlatformCli,
  registerPeopleCli,
  registerAnalyticsCli,
  registerCaseReviewCli,
  registerPrivacyCli,
];
