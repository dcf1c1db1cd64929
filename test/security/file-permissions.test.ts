import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { queueMessage, deliverOutbox } from '../../src/platform/notifications.js';
import { savePending } from '../../src/reports/photos.js';
import { loadConfig } from '../../src/config.js';
import { widePermissions } from '../../src/platform/file-permissions.js';

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('files holding personal data are for the service user only', () => {
  let dir: string;
  let previous: number;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-perms-'));
    previous = process.umask(0o022); // a typical umask, which made 0644 files before
  });
  after(() => {
    process.umask(previous);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the SQLite file, its WAL and its directory private', async () => {
    const file = path.join(dir, 'db', 'asbhub.sqlite');
    const handle = openDatabase({ databaseUrl: null, sqliteFile: file });
    try {
      await migrateToLatest(handle.db);
      assert.equal(mode(path.dirname(file)), 0o700);
      assert.equal(mode(file), 0o600);
      assert.equal(mode(`${file}-wal`), 0o600);
    } finally {
      await handle.close();
    }
  });

  it('warns about wider files and directories found at start-up', () => {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: path.join(dir, 'wide') });
    fs.mkdirSync(path.join(config.dataDir, 'outbox'), { recursive: true, mode: 0o755 });
    fs.writeFileSync(path.join(config.dataDir, 'outbox', 'old.txt'), 'x', { mode: 0o644 });
    fs.chmodSync(path.join(config.dataDir, 'outbox'), 0o755);
    const found = widePermissions(config);
    assert.ok(
      found.some((f) => /outbox is 0755; make it 0700/.test(f)),
      found.join('\n'),
    );
    assert.ok(
      found.some((f) => /old\.txt is 0644; make it 0600/.test(f)),
      found.join('\n'),
    );
  });
});

for (const dialect of testDialects()) {
  describe(`outbox files and uploads are private [${dialect}]`, () => {
    let t: TestApp;
    let previous: number;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-perms-data-'));
    before(async () => {
      previous = process.umask(0o022);
      t = await startTestApp(dialect, { env: { DATA_DIR: dataDir } });
    });
    after(async () => {
      process.umask(previous);
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('writes outbox messages 0600 in a 0700 directory', async () => {
      await queueMessage(t.deps.db, t.deps.clock, {
        partnershipId: t.demo.partnershipId,
        channel: 'email',
        recipient: 'someone@example.com',
        template: 'test',
        subject: 'Test',
        body: 'Private',
      });
      await deliverOutbox(t.deps);
      const outbox = path.join(dataDir, 'outbox');
      assert.equal(mode(outbox), 0o700);
      const files = fs.readdirSync(outbox);
      assert.ok(files.length >= 1);
      for (const f of files) assert.equal(mode(path.join(outbox, f)), 0o600);
    });

    it('stores uploaded photos 0600 in 0700 directories', async () => {
      const photo = await savePending(
        t.deps.config.uploadDir,
        Buffer.from('not really a jpeg'),
        'image/jpeg',
        'a.jpg',
      );
      const stored = path.join(t.deps.config.uploadDir, 'reports', 'pending', photo.id);
      assert.equal(mode(t.deps.config.uploadDir), 0o700);
      assert.equal(mode(path.dirname(stored)), 0o700);
      assert.equal(mode(stored), 0o600);
    });
  });
}
