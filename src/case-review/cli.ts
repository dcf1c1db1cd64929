/** `asbhub case-review stats --from YYYY-MM-DD --to YYYY-MM-DD [--json]`: the four published figures. */
import type { Command } from 'commander';
import { CliError } from '../platform/cli-error.js';
import { isIsoDate } from '../platform/dates/calendar-date.js';

function printerFor(cmd: Command): (text: string) => void {
  const { writeOut } = cmd.configureOutput();
  return writeOut ? (text) => writeOut(text) : (text) => void process.stdout.write(text);
}

export function registerCaseReviewCli(program: Command): void {
  const group = program.command('case-review').description('ASB Case Review');
  group
    .command('stats')
    .description(
      'Print the four published figures for a period: applications, threshold not met, reviews carried out, reviews with recommendations',
    )
    .requiredOption('--from <date>', 'first day of the period, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day of the period, YYYY-MM-DD')
    .option('--partnership <code>', 'partnership code (default: the first partnership)')
    .option(
      '--json',
      'print {"applications":N,"thresholdNotMet":N,"reviewsCarriedOut":N,"reviewsWithRecommendations":N}',
    )
    .action(
      async (opts: { from: string; to: string; partnership?: string; json?: boolean }, cmd: Command) => {
        for (const [name, value] of [
          ['--from', opts.from],
          ['--to', opts.to],
        ] as const) {
          if (!isIsoDate(value))
            throw new CliError(`${name} must be a real date written YYYY-MM-DD, got "${value}"`);
        }
        if (opts.from > opts.to)
          throw new CliError(`--to (${opts.to}) must be the same as or after --from (${opts.from})`);
        const print = printerFor(cmd);
        // Loaded only when the command runs, so other commands start quickly.
        const { withDeps } = await import('../platform/cli.js');
        const { CaseReviewRepository } = await import('./repository.js');
        const { published, statisticsFor } = await import('./statistics-service.js');
        await withDeps(async (deps) => {
          const p = await new CaseReviewRepository(deps.db).partnership(opts.partnership);
          if (!p)
            throw new CliError(
              opts.partnership
                ? `There is no partnership with the code ${opts.partnership}`
                : 'The database holds no partnership yet: run asbhub seed first',
            );
          const stats = await statisticsFor(deps, p.id, { from: opts.from, to: opts.to });
          const f = published(stats);
          if (opts.json) {
            print(
              `${JSON.stringify({
                applications: f.applications,
                thresholdNotMet: f.thresholdNotMet,
                reviewsCarriedOut: f.reviewsCarriedOut,
                reviewsWithRecommendations: f.reviewsWithRecommendations,
              })}\n`,
            );
            return;
          }
          print(
            [
              `ASB Case Reviews, ${p.name}, ${f.from} to ${f.to}`,
              `  Applications received            ${f.applications}`,
              `  Times the threshold was not met  ${f.thresholdNotMet}`,
              `  Reviews carried out              ${f.reviewsCarriedOut}`,
              `  Reviews with recommendations     ${f.reviewsWithRecommendations}`,
              ...stats.warnings.map((w) => `  Note: ${w}`),
              '',
            ].join('\n'),
          );
        });
      },
    );
}
