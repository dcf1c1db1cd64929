import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

const MAX_FILES_CHECKED = 2000;

/**
 * Files and directories holding personal data that others on the machine could read: the SQLite file
 * and its WAL, backups, the development outbox and uploads should be 0600 (directories 0700).
 * Returns one line per path found wider than that (missing paths are fine).
 */
export function widePermissions(config: Config): string[] {
  const found: string[] = [];
  let checked = 0;
  const check = (p: string, recurse: boolean) => {
    if (checked++ > MAX_FILES_CHECKED) return;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    const mode = stat.mode & 0o777;
    if (mode & 0o077)
      found.push(
        `${p} is ${mode.toString(8).padStart(4, '0')}; make it ${stat.isDirectory() ? '0700' : '0600'}`,
      );
    if (recurse && stat.isDirectory()) for (const name of fs.readdirSync(p)) check(path.join(p, name), true);
  };
  if (!config.databaseUrl && config.sqliteFile !== ':memory:') {
    check(path.dirname(config.sqliteFile), false);
    for (const suffix of ['', '-wal', '-shm']) check(`${config.sqliteFile}${suffix}`, false);
  }
  for (const dir of [config.backupDir, config.uploadDir, path.join(config.dataDir, 'outbox')])
    check(dir, true);
  return found;
}
