import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { CliError } from '../../platform/cli-error.js';
import { withDeps } from '../../platform/cli.js';
import type { AppDeps } from '../../platform/module.js';
import type { Print } from './output.js';
import { listCsvFiles } from '../policeuk/parse.js';
import { toJson } from './options.js';

/** The CSV files named: files as given, folders expanded to their .csv files (by name); each file once. */
export async function expandCsvPaths(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(p);
    } catch {
      throw new CliError(`cannot read ${p}: no such file or folder`);
    }
    if (stat.isDirectory()) {
      const files = await listCsvFiles(p);
      if (files.length === 0) throw new CliError(`no .csv files in ${p}`);
      out.push(...files);
    } else out.push(p);
  }
  return [...new Set(out.map((f) => path.resolve(f)))];
}

async function partnershipId(deps: AppDeps, code: string): Promise<string> {
  const { PartnershipRepository } = await import('../../partnership/repository.js');
  const p = await new PartnershipRepository(deps.db, deps.clock).findByCode(code);
  if (!p) throw new CliError(`--partnership: no partnership with code ${code} (run asbhub seed first)`);
  return p.id;
}

export async function runPoliceUkImport(
  paths: string[],
  opts: { skipRejected?: boolean; partnership: string; json?: boolean },
  print: Print,
): Promise<void> {
  const files = await expandCsvPaths(paths);
  await withDeps(async (deps) => {
    const { PoliceUkImporter } = await import('../import/police-uk-import.js');
    const { describeImport } = await import('../import/summary.js');
    const pid = await partnershipId(deps, opts.partnership);
    const totalBytes = files.reduce((a, f) => a + fs.statSync(f).size, 0);
    const bar = new cliProgress.SingleBar(
      { format: 'Importing {file} [{bar}] {percentage}% | {rows} rows', hideCursor: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    let doneBytes = 0;
    let lastFile = -1;
    let fileBytes = 0;
    if (!opts.json) bar.start(totalBytes, 0, { file: '', rows: 0 });
    let rows = 0;
    const outcome = await new PoliceUkImporter(deps).import(
      pid,
      files.map((f) => ({
        name: path.basename(f),
        source: fs.createReadStream(f),
        size: fs.statSync(f).size,
      })),
      { userId: null, userLabel: 'command line' },
      {
        skipRejected: !!opts.skipRejected,
        onProgress: (p) => {
          if (p.fileIndex !== lastFile) {
            doneBytes += fileBytes;
            lastFile = p.fileIndex;
          }
          fileBytes = p.bytes;
          rows = p.rows;
          if (!opts.json) bar.update(doneBytes + p.bytes, { file: p.file, rows });
        },
      },
    );
    if (!opts.json) bar.stop();
    const seconds = (Date.now() - started) / 1000;
    if (opts.json) print(`${toJson(outcome)}\n`);
    else {
      print(describeImport(outcome));
      if (outcome.status === 'imported')
        print(
          `Took ${seconds.toFixed(1)} s (${Math.round(outcome.summary.rowsRead / Math.max(seconds, 0.001))} rows a second).\n`,
        );
    }
    if (outcome.status === 'refused')
      throw new CliError(outcome.reason === 'wrong-file' ? outcome.message : 'nothing was imported', 2);
  });
}

const FIELD_NAMES = [
  'id',
  'date',
  'time',
  'category',
  'latitude',
  'longitude',
  'easting',
  'northing',
  'location',
  'outcome',
  'label',
  'status',
];

export async function runPartnerImport(
  file: string,
  opts: {
    source: string;
    kind: string;
    map?: string[];
    monthFirst?: boolean;
    skipRejected?: boolean;
    partnership: string;
    json?: boolean;
  },
  print: Print,
): Promise<void> {
  const { PARTNER_KINDS, guessMapping, fieldsFor, mappingProblems } =
    await import('../import/partner-fields.js');
  if (!(opts.kind in PARTNER_KINDS))
    throw new CliError(`--kind must be one of ${Object.keys(PARTNER_KINDS).join(', ')}`);
  let contents: Buffer;
  try {
    contents = await fs.promises.readFile(file);
  } catch {
    throw new CliError(`cannot read ${file}`);
  }
  const given: Record<string, string> = {};
  for (const m of opts.map ?? []) {
    const eq = m.indexOf('=');
    const field = eq > 0 ? m.slice(0, eq).trim() : '';
    if (!FIELD_NAMES.includes(field))
      throw new CliError(`--map ${m}: write field=column, with a field from ${FIELD_NAMES.join(', ')}`);
    given[field] = m.slice(eq + 1).trim();
  }
  await withDeps(async (deps) => {
    const { PartnerImporter, previewCsv } = await import('../import/partner-import.js');
    const { describeImport } = await import('../import/summary.js');
    const pid = await partnershipId(deps, opts.partnership);
    const importer = new PartnerImporter(deps);
    const source = await importer.resolveSource(pid, {
      code: null,
      name: opts.source,
      kind: opts.kind as never,
    });
    const { header } = await previewCsv(contents, 0);
    const base =
      source.saved && !opts.map ? JSON.parse(source.saved.mapping) : guessMapping(source.kind, header);
    const mapping = { columns: opts.map ? given : base.columns, dayFirst: !opts.monthFirst };
    const problems = mappingProblems(source.kind, mapping, header);
    if (Object.keys(problems).length) {
      const wanted = fieldsFor(source.kind)
        .map((f) => f.field)
        .join(', ');
      throw new CliError(
        `${Object.values(problems).join('; ')}. Columns in ${path.basename(file)}: ${header.join(', ')}. Give --map field=column (fields: ${wanted}).`,
      );
    }
    if (!opts.json)
      print(
        `Source ${source.name} (${source.code}, ${source.kind}); columns: ${Object.entries(mapping.columns)
          .map(([f, c]) => `${f}=${c}`)
          .join(', ')}\n`,
      );
    // Lines in the file (a row with a quoted line break counts twice): the bar's total.
    let lines = 0;
    for (let i = contents.indexOf(10); i >= 0; i = contents.indexOf(10, i + 1)) lines++;
    const bar = new cliProgress.SingleBar(
      { format: `Importing ${path.basename(file)} [{bar}] {percentage}% | {value} rows`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    if (!opts.json) bar.start(Math.max(1, lines - 1), 0);
    const outcome = await importer.import(
      pid,
      { code: source.code, name: source.name, kind: source.kind },
      { name: path.basename(file), source: contents },
      mapping,
      { userId: null, userLabel: 'command line' },
      { skipRejected: !!opts.skipRejected, onProgress: (rows) => !opts.json && bar.update(rows) },
    );
    if (!opts.json) {
      bar.update(outcome.summary.rowsRead);
      bar.stop();
    }
    print(opts.json ? `${toJson(outcome)}\n` : describeImport(outcome));
    if (outcome.status === 'refused')
      throw new CliError(outcome.reason === 'wrong-file' ? outcome.message : 'nothing was imported', 2);
  });
}

export async function runAreasImport(
  file: string,
  opts: { partnership: string },
  print: Print,
): Promise<void> {
  let geojson: unknown;
  try {
    geojson = JSON.parse(await fs.promises.readFile(file, 'utf8'));
  } catch (err) {
    throw new CliError(`cannot read ${file} as JSON: ${(err as Error).message}`);
  }
  await withDeps(async (deps) => {
    const { AreaStore } = await import('../area-store.js');
    const { BoundaryError } = await import('../geo/boundary.js');
    const pid = await partnershipId(deps, opts.partnership);
    try {
      const areas = await new AreaStore(deps).replace(pid, geojson, {
        userId: null,
        userLabel: 'command line',
      });
      print(
        `Loaded ${areas.areas.length} areas (${(areas.boundary.areaM2 / 1e6).toFixed(3)} km² in all): ${areas.areas.map((a) => a.code).join(', ')}.\n`,
      );
      print('Records imported earlier keep the areas they were given when imported.\n');
    } catch (err) {
      if (err instanceof BoundaryError) throw new CliError(err.message);
      throw err;
    }
  });
}
