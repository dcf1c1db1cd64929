/**
 * `asbhub plan export --format html|csv|xlsx|ods --out FILE [--year N]` and
 * `asbhub plan import FILE [--dry-run] [--year N]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../platform/cli-error.js';
import { EXPORT_FORMATS, type ExportFormat } from './exchange.js';

function printerFor(cmd: Command): (text: string) => void {
  const { writeOut } = cmd.configureOutput();
  return writeOut ? (text) => writeOut(text) : (text) => void process.stdout.write(text);
}

const yearOption = (v: string | undefined) => {
  if (v === undefined) return undefined;
  if (!/^\d{4}$/.test(v)) throw new CliError(`--year must be a year like 2024, got "${v}"`);
  return Number(v);
};

async function withPlan<T>(
  partnership: string | undefined,
  fn: (deps: import('../platform/module.js').AppDeps, actor: import('./service.js').PlanActor) => Promise<T>,
): Promise<T> {
  const { withDeps } = await import('../platform/cli.js');
  const { partnershipFor } = await import('./repository.js');
  return withDeps(async (deps) => {
    const p = await partnershipFor(deps.db, { code: partnership });
    if (!p)
      throw new CliError(
        partnership
          ? `There is no partnership with the code ${partnership}`
          : 'The database holds no partnership yet',
      );
    return fn(deps, { id: null, name: 'Command line', label: 'asbhub plan', partnershipId: p.id });
  });
}

export function registerPlanCli(program: Command): void {
  const group = program.command('plan').description("The partnership's action plan");
  group
    .command('export')
    .description(
      "Write the plan in the published plan's columns (Action, Owner, Progress, Impact and Outcome, Status)",
    )
    .requiredOption('--format <format>', EXPORT_FORMATS.join(' | '))
    .requiredOption('--out <file>', 'the file to write')
    .option('--year <year>', 'the plan year (default: the latest plan)')
    .option('--partnership <code>', 'partnership code (default: the first partnership)')
    .action(
      async (opts: { format: string; out: string; year?: string; partnership?: string }, cmd: Command) => {
        if (!EXPORT_FORMATS.includes(opts.format as ExportFormat))
          throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${opts.format}"`);
        const year = yearOption(opts.year);
        const { PlanExchangeService } = await import('./exchange-service.js');
        await withPlan(opts.partnership, async (deps, actor) => {
          const file = await new PlanExchangeService(deps)
            .export(actor, opts.format as ExportFormat, year)
            .catch((err: Error & { statusCode?: number }) => {
              throw err.statusCode === 404 ? new CliError(err.message) : err;
            });
          fs.writeFileSync(path.resolve(opts.out), file.body);
          printerFor(cmd)(`Wrote the ${file.plan.year} plan to ${opts.out}\n`);
        });
      },
    );
  group
    .command('import')
    .description('Apply an edited XLSX or CSV export to the plan; every change is listed by action number')
    .argument('<file>', 'the edited file')
    .option('--dry-run', 'list the changes without writing them')
    .option('--year <year>', 'the plan year (default: the latest plan)')
    .option('--partnership <code>', 'partnership code (default: the first partnership)')
    .action(
      async (file: string, opts: { dryRun?: boolean; year?: string; partnership?: string }, cmd: Command) => {
        if (!fs.existsSync(file)) throw new CliError(`There is no file ${file}`);
        const year = yearOption(opts.year);
        const print = printerFor(cmd);
        const { PlanExchangeService } = await import('./exchange-service.js');
        const { FIELD_LABELS } = await import('./import.js');
        const { STATUS_TEXT } = await import('./exchange.js');
        const shown = (field: string, v: string) =>
          field === 'status' ? STATUS_TEXT[v as keyof typeof STATUS_TEXT] : oneLine(v);
        await withPlan(opts.partnership, async (deps, actor) => {
          const r = await new PlanExchangeService(deps).import(
            actor,
            { name: path.basename(file), contents: fs.readFileSync(file) },
            { year, apply: !opts.dryRun },
          );
          if (r.errors.length)
            throw new CliError(
              `${file} cannot be imported; nothing was changed:\n${r.errors.map((e) => `  ${e}`).join('\n')}`,
            );
          for (const c of r.changes)
            print(
              `Action ${c.number}, ${FIELD_LABELS[c.field]}: ${shown(c.field, c.from)} -> ${shown(c.field, c.to)}${c.reason ? ` (${c.reason})` : ''}\n`,
            );
          print(
            !r.changes.length
              ? `No changes to the ${r.plan.year} plan\n`
              : r.applied
                ? `${r.changes.length} changes written to the ${r.plan.year} plan\n`
                : `${r.changes.length} changes found; nothing written (dry run)\n`,
          );
        });
      },
    );
}

const oneLine = (s: string) => {
  const t = s.replace(/\s+/g, ' ');
  return t.length > 60 ? `"${t.slice(0, 57)}..."` : `"${t}"`;
};
