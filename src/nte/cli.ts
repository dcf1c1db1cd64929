/** `asbhub nte pack --weekend YYYY-MM-DD [--json] [--issue]`: the Monday pack's figures for a weekend. */
import type { Command } from 'commander';
import { CliError } from '../platform/cli-error.js';
import type { WeekendPack } from './weekend-pack.js';

function printerFor(cmd: Command): (text: string) => void {
  const { writeOut } = cmd.configureOutput();
  return writeOut ? (text) => writeOut(text) : (text) => void process.stdout.write(text);
}

/** The pack's figures as the command's JSON: the window as UTC instants, totals by type and the earlier weekends' average. */
export function weekendPackJson(p: WeekendPack) {
  const byLabel = (rows: WeekendPack['byType'], pick: 'count' | 'average') =>
    Object.fromEntries(rows.map((r) => [r.label, r[pick]]));
  const headline = (pick: 'count' | 'average') => {
    const h = byLabel(p.headline, pick);
    return {
      incidents: h['All incidents'],
      reports: h['ASB Hub reports'],
      policeIncidents: h['Police incidents'],
      noiseComplaints: h['Noise complaints'],
      environmentalJobsRaised: h['Environmental jobs raised'],
      environmentalJobsCleared: h['Environmental jobs cleared'],
      trafficLightPointsAdded: h['Traffic Light points added'],
      byType: byLabel(p.byType, pick),
    };
  };
  return {
    weekend: p.friday,
    from: p.window.from,
    to: p.window.to,
    hours: p.window.hours,
    bankHolidayMonday: p.window.bankHolidayMonday,
    totals: headline('count'),
    previousWeekends: p.compareWith,
    previousAverage: headline('average'),
    changes: Object.fromEntries(p.headline.map((r) => [r.label, r.changeText])),
    premises: p.premises.map((x) => ({
      name: x.name,
      colour: x.band,
      points: x.total,
      pointsAdded: x.pointsAdded,
    })),
  };
}

export function registerNteCli(program: Command): void {
  const group = program.command('nte').description('Night-time economy packs');
  group
    .command('pack')
    .description(
      "The Monday night-time-economy pack's figures for a weekend, beside the average of the weekends before",
    )
    .requiredOption('--weekend <friday>', "the weekend's Friday, YYYY-MM-DD")
    .option('--partnership <code>', 'partnership code (default: the first partnership)')
    .option('--json', 'print the figures as JSON ({ from, to, totals, previousAverage, ... })')
    .option('--issue', 'also freeze the pack as the next version (as the Monday job does)')
    .action(
      async (
        opts: { weekend: string; partnership?: string; json?: boolean; issue?: boolean },
        cmd: Command,
      ) => {
        const print = printerFor(cmd);
        const { parseFriday, WeekendError } = await import('./window.js');
        let friday: string;
        try {
          friday = parseFriday(opts.weekend);
        } catch (err) {
          if (err instanceof WeekendError) throw new CliError(`--weekend: ${err.message}`);
          throw err;
        }
        const { withDeps } = await import('../platform/cli.js');
        const { NteService } = await import('./service.js');
        await withDeps(async (deps) => {
          const partnerships = await deps.db
            .selectFrom('partnerships')
            .select(['id', 'code', 'name'])
            .execute();
          const p = opts.partnership
            ? partnerships.find((x) => x.code === opts.partnership)
            : partnerships[0];
          if (!p)
            throw new CliError(
              opts.partnership
                ? `There is no partnership with the code ${opts.partnership}`
                : 'The database holds no partnership yet: run asbhub seed first',
            );
          const service = new NteService(deps);
          const pack = opts.issue
            ? ((await service.issue(p.id, 'weekend', friday, null)).pack as WeekendPack)
            : ((await service.build(p.id, 'weekend', friday)) as WeekendPack);
          if (opts.json) return print(`${JSON.stringify(weekendPackJson(pack), null, 2)}\n`);
          const line = (r: WeekendPack['headline'][number]) =>
            `  ${r.label.padEnd(34)} ${String(r.count).padStart(5)}   ${r.changeText}`;
          print(
            [
              `${pack.title} (${p.name})`,
              `  ${pack.window.from} to ${pack.window.to} (UTC)`,
              ...pack.headline.map(line),
              '  By type:',
              ...pack.byType.map((r) => `  ${line(r)}`),
              ...pack.notes.map((n) => `  Note: ${n}`),
              '',
            ].join('\n'),
          );
        });
      },
    );
}
