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

export async function runPoliceUkImport(paths: string[], opts: { skipRejected?: boolean; partnership: string; json?: boolean }, print: Print): Promise<void> {
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
      files.map((f) => ({ name: path.basename(f), source: fs.createReadStream(f), size: fs.statSync(f).size })),
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
      if (outcome.status === 'imported') print(`Took ${seconds.toFixed(1)} s (${Math.round(outcome.summary.rowsRead / Math.max(seconds, 0.001))} rows a second).\n`);
    }
    if (outcome.status === 'refused') throw new CliError(outcome.reason === 'wrong-file' ? outcome.message : 'nothing was imported', 2);
  });
}
