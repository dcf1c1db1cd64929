import type { Command } from 'commander';
import { CliError } from '../platform/cli-error.js';
import { type WithServices } from '../platform/cli.js';
import type { PeopleServices } from './services.js';
import { runEvaluation } from './linkage/evaluate/evaluate.js';
import { InputError } from './linkage/evaluate/csv-input.js';

const EVALUATE_HELP = `
Reads person records from CSV and links them with a model trained on the same records (no
labels used), then scores the result against the truth.

Input columns are mapped automatically: FEBRL (rec_id, given_name, surname, street_number,
address_1, address_2, suburb, postcode, state, date_of_birth; separator ", " is fine) or Splink
style (unique_id, first_name, surname, dob, city, email, postcode..., cluster). National
identifiers (soc_sec_id and the like) are never used. Map other names with
--map field=column,... (fields: id, given_name, surname, dob, street_number, address_1,
address_2, city, suburb, state, postcode, email, phone, uprn; ignore=column drops a column).

One file: de-duplication. With --link: the two files are linked (pairs only across files).

Scores:
  pairs     precision = correct predicted pairs / predicted pairs; recall = correct predicted
            pairs / true pairs. A predicted pair is two records in one predicted cluster
            (across files only, when linking).
  clusters  exact-cluster match: a predicted cluster is correct only if it holds exactly the
            records of one true cluster (singletons included). precision = correct clusters /
            predicted clusters; recall = correct clusters / true clusters.
  F1 = 2PR / (P + R). An empty denominator scores 1.
  seconds   wall time from reading the files to the scores.

--json prints one object:
  {"records":N,"pairs":{"precision":P,"recall":R,"f1":F},"clusters":{...},"seconds":S}
Bad input (empty, malformed or one-column files, unknown columns, missing truth) exits with code 2.
`;

interface EvaluateFlags {
  input: string;
  link?: string;
  truth: string;
  map?: string;
  json?: boolean;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function evaluateCommand(flags: EvaluateFlags): void {
  let result;
  try {
    result = runEvaluation({ input: flags.input, link: flags.link, truth: flags.truth, map: flags.map });
  } catch (e) {
    if (e instanceof InputError) throw new CliError(e.message);
    throw e;
  }
  const scores = (s: { precision: number; recall: number; f1: number }) => ({
    precision: round(s.precision),
    recall: round(s.recall),
    f1: round(s.f1),
  });
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify({ records: result.records, pairs: scores(result.pairs), clusters: scores(result.clusters), seconds: round(result.seconds) })}\n`,
    );
    return;
  }
  const f = (x: number) => x.toFixed(4);
  const lines = [
    `records   ${result.records} (${result.mode === 'link' ? 'linking two files' : 'de-duplication'})`,
    `pairs     precision ${f(result.pairs.precision)}  recall ${f(result.pairs.recall)}  F1 ${f(result.pairs.f1)}  (predicted ${result.pairs.predicted}, true ${result.pairs.true}, correct ${result.pairs.correct})`,
    `clusters  precision ${f(result.clusters.precision)}  recall ${f(result.clusters.recall)}  F1 ${f(result.clusters.f1)}  (exact-cluster match; predicted ${result.clusters.predicted}, true ${result.clusters.true}, exact ${result.clusters.exact})`,
    `seconds   ${result.seconds.toFixed(2)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

interface RelinkFlags {
  partnership: string;
  json?: boolean;
}

async function relinkCommand(
  flags: RelinkFlags,
  withServices: WithServices<{ people: PeopleServices }>,
): Promise<void> {
  await withServices(async (services, deps) => {
    const { PartnershipRepository } = await import('../partnership/repository.js');
    const p = await new PartnershipRepository(deps.db, deps.clock).findByCode(flags.partnership);
    if (!p) throw new CliError(`--partnership: no partnership with code ${flags.partnership}`);
    const s = await services.people.relink.run(p.id);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(s)}\n`);
      return;
    }
    const lines = [
      `records           ${s.records}`,
      `people before     ${s.personsBefore}`,
      `people after      ${s.personsAfter}`,
      `records moved     ${s.recordsMoved}`,
      `possible matches  ${s.possibleMatches}`,
      ...(s.note ? [s.note] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}

/** Registers the people module's commands: `asbhub linkage evaluate` and `asbhub people relink`. */
export function registerPeopleCli(
  program: Command,
  withServices: WithServices<{ people: PeopleServices }>,
): void {
  program
    .command('people')
    .description('Person records and repeat identification')
    .command('relink')
    .description(
      'Re-train the linkage model and re-link every person record of a partnership (staff decisions kept), in one transaction',
    )
    .option('--partnership <code>', 'partnership code', 'city-of-london')
    .option('--json', 'print one JSON object only')
    .action((flags: RelinkFlags) => relinkCommand(flags, withServices));

  const linkage = program
    .command('linkage')
    .description('Repeat identification: record linkage of person records');
  linkage
    .command('evaluate')
    .description('Link or de-duplicate person records from CSV and score against known truth')
    .requiredOption('--input <file>', 'CSV file of person records')
    .option('--link <file>', 'second CSV file: link the two files instead of de-duplicating one')
    .requiredOption(
      '--truth <spec>',
      'where the truth is: "febrl" (rec-N-org / rec-N-dup-K ids) or "column:NAME"',
    )
    .option('--map <pairs>', 'column mapping, field=column,... (ignore=column drops one)')
    .option('--json', 'print one JSON object only')
    .addHelpText('after', EVALUATE_HELP)
    .action((flags: EvaluateFlags) => evaluateCommand(flags));
}
