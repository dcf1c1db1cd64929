// Runs every *.test.ts under src/ and test/ with node's test runner through tsx.
// `--browser` runs only the browser tests; `--unit` leaves them out.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const onlyBrowser = args.includes('--browser');
const noBrowser = args.includes('--unit');
const explicit = args.filter((a) => !a.startsWith('--'));

function walk(dir, out) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (entry.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

let files = explicit.length ? explicit : [...walk('src', []), ...walk('test', [])].sort();
const isBrowser = (f) => f.split(path.sep).includes('browser');
if (onlyBrowser) files = files.filter(isBrowser);
if (noBrowser) files = files.filter((f) => !isBrowser(f));

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
