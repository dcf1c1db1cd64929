import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp } from '../helpers/app.js';
import { datasetsDir } from '../helpers/db.js';

describe('the test app is configured as the app is', () => {
  const saved = process.env.DATASETS_DIR;
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-datasets-'));
  after(() => {
    if (saved === undefined) delete process.env.DATASETS_DIR;
    else process.env.DATASETS_DIR = saved;
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  it('reads the shared datasets from DATASETS_DIR, like the app', async () => {
    process.env.DATASETS_DIR = elsewhere;
    assert.equal(datasetsDir(), elsewhere);
    const t = await startTestApp('sqlite');
    try {
      assert.equal(t.deps.config.datasetsDir, elsewhere);
    } finally {
      await t.close();
    }
  });
});
