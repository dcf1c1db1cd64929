import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { startCheckpointer } from '../../src/platform/db/checkpointer.js';

describe('WAL checkpoints in a worker thread', () => {
  it('copies committed pages into the database file without the writer checkpointing, and hands back on stop', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-checkpoint-'));
    const file = path.join(dir, 'db.sqlite');
    const db = new SQLite(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const stop = startCheckpointer(db, file, 20);
    try {
      assert.equal(
        db.pragma('wal_autocheckpoint', { simple: true }),
        10_000,
        'the writer only checkpoints as a backstop',
      );
      db.exec('create table t (v text)');
      const insert = db.prepare('insert into t (v) values (?)');
      db.transaction(() => {
        for (let i = 0; i < 400; i++) insert.run('x'.repeat(1000));
      })();
      const before = fs.statSync(file).size;
      // 400 rows of 1 kB sit in the log (under SQLite's own 1,000-page checkpoint) until the worker copies them.
      let after = before;
      for (let i = 0; i < 100 && after < 300_000; i++) {
        await new Promise((r) => setTimeout(r, 20));
        after = fs.statSync(file).size;
      }
      assert.ok(after >= 300_000, `database file grew from ${before} to ${after} bytes`);
    } finally {
      await stop();
    }
    assert.equal(
      db.pragma('wal_autocheckpoint', { simple: true }),
      1000,
      'after stop the writer checkpoints as usual',
    );
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
