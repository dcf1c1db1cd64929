import type { Command } from 'commander';
import { CliError } from '../platform/cli-error.js';
import { withDeps } from '../platform/cli.js';

interface RunFlags {
  partnership: string;
  dryRun?: boolean;
  json?: boolean;
}

const HELP = `
Finds records past their retention schedule (N years after the trigger date: case closed, report
resolved, review concluded) and anonymises or deletes them, leaving records on legal hold and those
still needed (an open case). Safe to run again: a record is never done twice, and a run stopped
part-way carries on where it stopped. Prints counts and record ids only.

--json prints one object: {"runId","dryRun","types":[{"recordType","action","years","due":[ids],
"held":[{"id","reason"}],"done":[ids],"filesRemoved"}],"personsAnonymised"}
`;

async function runCommand(flags: RunFlags): Promise<void> {
  await withDeps(async (deps) => {
    const { PartnershipRepository } = await import('../partnership/repository.js');
    const { RetentionService } = await import('./retention-service.js');
    const p = await new PartnershipRepository(deps.db, deps.clock).findByCode(flags.partnership);
    if (!p) throw new CliError(`--partnership: no partnership with code ${flags.partnership}`);
    const r = await new RetentionService(deps).run(p.id, {
      dryRun: flags.dryRun,
      requestedBy: 'command line',
    });
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(r)}\n`);
      return;
    }
    const lines = [r.dryRun ? 'Dry run: nothing changed' : `Retention run ${r.runId}`];
    for (const t of r.types)
      lines.push(
        `${t.label.padEnd(32)} ${t.action === 'keep' ? 'kept (no automatic removal)' : `${t.action} ${t.years} years after ${t.trigger}`}: due ${t.due.length}, held ${t.held.length}, done ${t.done.length}`,
      );
    if (!r.dryRun) lines.push(`persons anonymised: ${r.personsAnonymised}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}

/** `asbhub retention run [--dry-run] [--json]`. */
export function registerPrivacyCli(program: Command): void {
  program
    .command('retention')
    .description('Retention of personal data')
    .command('run')
    .description('Anonymise or delete records past their retention schedule')
    .option('--partnership <code>', 'partnership code', 'city-of-london')
    .option('--dry-run', 'say what is due and held, change nothing')
    .option('--json', 'print one JSON object only')
    .addHelpText('after', HELP)
    .action((flags: RunFlags) => runCommand(flags));
}
