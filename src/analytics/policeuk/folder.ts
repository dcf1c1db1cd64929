import type { Boundary } from '../geo/boundary.js';
import {
  listCsvFiles,
  parsePoliceUkFile,
  type PoliceUkParseOptions,
  type PoliceUkParseSummary,
} from './parse.js';
import { RowKeys, type PoliceUkCrime, type PoliceUkRejection } from './row.js';

export interface PoliceUkFolderResult {
  files: { file: string; summary: PoliceUkParseSummary }[];
  /** Crimes inside the boundary (all located crimes without one), every file. */
  imported: PoliceUkCrime[];
  rejected: (PoliceUkRejection & { file: string })[];
}

/** Parses every police.uk CSV in a folder (one key counter across them). */
export async function parsePoliceUkFolder(
  dir: string,
  options: { boundary?: Boundary; onProgress?: PoliceUkParseOptions['onProgress'] } = {},
): Promise<PoliceUkFolderResult> {
  const files = await listCsvFiles(dir);
  const keys = new RowKeys();
  const out: PoliceUkFolderResult = { files: [], imported: [], rejected: [] };
  for (const file of files) {
    const r = await parsePoliceUkFile(file, { ...options, keys });
    out.files.push({ file, summary: r.summary });
    for (const c of r.imported) out.imported.push(c);
    for (const rej of r.rejected) out.rejected.push({ ...rej, file });
  }
  return out;
}
