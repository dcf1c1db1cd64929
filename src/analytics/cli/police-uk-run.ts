import { CliError } from '../../platform/cli-error.js';
import type { Print } from './output.js';
import { BoundaryError, readBoundaryFile, type Boundary } from '../geo/boundary.js';
import { PoliceUkFormatError } from '../policeuk/columns.js';
import { parsePoliceUkFile } from '../policeuk/parse.js';
import { RowKeys } from '../policeuk/row.js';
import { textTable, toJson } from './options.js';

export async function runCheck(
  files: string[],
  opts: { boundary?: string; json?: boolean },
  print: Print,
): Promise<void> {
  let boundary: Boundary | undefined;
  if (opts.boundary) {
    boundary = await readBoundaryFile(opts.boundary).catch((err: unknown) => {
      throw err instanceof BoundaryError ? new CliError(err.message) : err;
    });
  }
  const keys = new RowKeys();
  const report = [];
  for (const file of files) {
    const result = await parsePoliceUkFile(file, { boundary, keys }).catch((err: NodeJS.ErrnoException) => {
      if (err instanceof PoliceUkFormatError) throw new CliError(err.message);
      if (err.code === 'ENOENT') throw new CliError(`cannot read ${file}`);
      throw err;
    });
    report.push({
      file,
      summary: result.summary,
      rejected: result.rejected.map(({ line, column, reason }) => ({ line, column, reason })),
    });
  }
  if (opts.json) {
    print(`${toJson(report)}\n`);
    return;
  }
  const rows = report.map((r) => [
    r.file,
    ...(['rows', 'imported', 'outside', 'noLocation', 'rejected'] as const).map((k) => String(r.summary[k])),
  ]);
  print(`${textTable(['file', 'rows', 'imported', 'outside', 'no location', 'rejected'], rows)}\n`);
  for (const r of report)
    for (const x of r.rejected) print(`${r.file}:${x.line}: ${x.column ?? 'row'}: ${x.reason}\n`);
}
