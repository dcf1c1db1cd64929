import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { requireDataset } from '../../../test/helpers/db.js';
import { CliError } from '../../platform/cli-error.js';
import { registerPlatformCli } from '../../platform/cli.js';
import { registerAnalyticsCli } from './register.js';

/** Runs commands in-process against a SQLite database in a temporary folder. */
async function run(...args: string[]): Promise<string> {
  let out = '';
  const program = new Command('asbhub').exitOverride().configureOutput({ writeOut: (text) => (out += text) });
  registerPlatformCli(program);
  registerAnalyticsCli(program);
  await program.parseAsync(['node', 'asbhub', ...args]);
  return out;
}

describe('asbhub import', () => {
  const saved = {
    DATA_DIR: process.env.DATA_DIR,
    DATABASE_URL: process.env.DATABASE_URL,
    SQLITE_FILE: process.env.SQLITE_FILE,
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-import-cli-'));
  before(async () => {
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    delete process.env.SQLITE_FILE;
    // `seed` prints straight to stdout; keep that out of the test report.
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      await run('seed');
    } finally {
      process.stdout.write = write;
    }
  });
  after(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('police-uk imports a folder; the same files again add nothing', async () => {
    const folder = requireDataset('policeuk/city-of-london');
    const first = JSON.parse(
      await run(
        'import',
        'police-uk',
        path.join(folder, '2024-04-city-of-london-street.csv'),
        path.join(folder, '2024-05-city-of-london-street.csv'),
        '--json',
      ),
    );
    assert.equal(first.status, 'imported');
    assert.equal(first.summary.rowsRead, 926 + 944);
    assert.ok(first.summary.added > 1500);
    const again = JSON.parse(
      await run('import', 'police-uk', path.join(folder, '2024-05-city-of-london-street.csv'), '--json'),
    );
    assert.equal(again.summary.added, 0);
    const text = await run('import', 'police-uk', path.join(folder, '2024-04-city-of-london-street.csv'));
    assert.match(text, /Rows read 926; imported 0 \(781 already held from an earlier import\)/);
  });

  it('refuses a wrong file and a file with bad rows with exit code 2, naming the line', async () => {
    const wrong = path.join(dir, 'wrong.csv');
    fs.writeFileSync(wrong, 'a,b\n1,2\n');
    await assert.rejects(
      run('import', 'police-uk', wrong),
      (err: CliError) =>
        err instanceof CliError &&
        err.code === 2 &&
        /wrong\.csv is not a police\.uk street-level crime file/.test(err.message),
    );
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      bad,
      'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\nx,2024-05,P,P,-0.09,51.51,On or near A,,,,,\n',
    );
    let printed = '';
    await assert.rejects(async () => {
      const program = new Command('asbhub')
        .exitOverride()
        .configureOutput({ writeOut: (t) => (printed += t) });
      registerAnalyticsCli(program);
      await program.parseAsync(['node', 'asbhub', 'import', 'police-uk', bad]);
    }, CliError);
    assert.match(printed, /bad\.csv line 2, column Crime type: crime type is empty/);
    assert.match(printed, /Nothing was written/);
  });

  it('partner imports with the columns guessed, then saved for the source', async () => {
    const noise = path.join(dir, 'noise.csv');
    fs.writeFileSync(
      noise,
      'Ref,Date received,Time,Complaint type,Lat,Lon\nN1,17/05/2024,22:40,Music,51.5155,-0.0922\n',
    );
    const out = await run('import', 'partner', noise, '--source', 'Noise complaints');
    assert.match(
      out,
      /columns: id=Ref, date=Date received, time=Time, category=Complaint type, latitude=Lat, longitude=Lon/,
    );
    assert.match(out, /imported 1/);
    await assert.rejects(
      run('import', 'partner', noise, '--source', 'Lights', '--kind', 'streetlight', '--map', 'latitude=Lat'),
      /Choose both latitude and longitude/,
    );
  });
});
