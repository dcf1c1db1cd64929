import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { AuditService, hashEntry, GENESIS_HASH } from '../../src/platform/audit/service.js';
import {
  verifyAuditIntegrity,
  writeCheckpoint,
  checkpointFile,
} from '../../src/platform/audit/checkpoints.js';
import { auditStartupCheck, AuditIntegrityError } from '../../src/platform/audit/startup.js';
import type { AuditLogTable } from '../../src/platform/tables.js';

for (const dialect of testDialects()) {
  describe(`audit chain: keyed, checkpointed, checked at start-up [${dialect}]`, () => {
    let t: TestApp;
    let backups: string;
    let audit: AuditService;

    before(async () => {
      backups = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-audit-'));
      t = await startTestApp(dialect, {
        env: { BACKUP_DIR: backups, AUDIT_KEY: 'a-test-audit-key-of-enough-length-0123' },
      });
      audit = new AuditService(t.deps.db, t.deps.dialect, t.deps.clock);
    });
    after(async () => {
      await t.close();
      fs.rmSync(backups, { recursive: true, force: true });
    });

    /** Starts the test from a clean log of n entries and a checkpoint of it. */
    async function freshLog(n: number) {
      await t.deps.db.deleteFrom('audit_log').execute();
      fs.rmSync(checkpointFile(t.deps), { force: true });
      for (let i = 0; i < n; i++)
        await audit.record({ partnershipId: t.demo.partnershipId, action: 'test.entry', subjectId: `s${i}` });
      await writeCheckpoint(t.deps);
      const file = checkpointFile(t.deps);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    }
    const rows = () => t.deps.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    /** Rewrites rows from seq on, recomputing every hash as an attacker without the key would. */
    async function rewriteFrom(seq: number, keyed: number, change: (r: AuditLogTable) => void) {
      let prev = seq === 1 ? GENESIS_HASH : (await audit.hashAt(seq - 1))!;
      for (const r of (await rows()).filter((x) => x.seq >= seq)) {
        if (r.seq === seq) change(r);
        const { hash: _old, ...rest } = { ...r, prev_hash: prev, keyed };
        const hash = keyed
          ? hashEntry(rest, Buffer.from('a guessed key, not the real one.'))
          : hashEntry(rest);
        await t.deps.db
          .updateTable('audit_log')
          .set({ details: r.details, subject_id: r.subject_id, prev_hash: prev, keyed, hash })
          .where('seq', '=', r.seq)
          .execute();
        prev = hash;
      }
    }

    it('new entries are HMAC-keyed: a plain SHA-256 of the entry is not its hash', async () => {
      await freshLog(2);
      const [first] = await rows();
      assert.equal(first.keyed, 1);
      const { hash, keyed: _k, ...rest } = first;
      assert.notEqual(hash, hashEntry({ ...rest, keyed: 0 }), 'not the plain SHA-256');
      assert.notEqual(hash, hashEntry({ ...rest, keyed: 1 }, Buffer.from('another key')));
      assert.equal(hash, hashEntry({ ...rest, keyed: 1 }));
      const report = await verifyAuditIntegrity(t.deps);
      assert.equal(report.ok, true);
      assert.equal(report.entries, 2);
    });

    it('detects the tail of the log deleted after a checkpoint', async () => {
      await freshLog(5);
      await t.deps.db.deleteFrom('audit_log').where('seq', '>', 3).execute();
      assert.deepEqual(await audit.verify(), { ok: true, entries: 3 }, 'the chain alone still looks whole');
      const report = await verifyAuditIntegrity(t.deps);
      assert.equal(report.ok, false);
      assert.match(
        (report as { problem: string }).problem,
        /ends at entry 3 .* recorded 5: entries 4 to 5 were deleted/,
      );
    });

    it('detects a row rewritten and every later hash recomputed without the key', async () => {
      await freshLog(5);
      await rewriteFrom(2, 1, (r) => (r.details = JSON.stringify({ role: 'administrator' })));
      const report = await verifyAuditIntegrity(t.deps);
      assert.equal(report.ok, false);
      assert.equal((report as { brokenSeq: number }).brokenSeq, 2);
      assert.match((report as { problem: string }).problem, /breaks at entry 2: .*without the audit key/);
    });

    it('detects a rewrite passed off as old unkeyed entries', async () => {
      await freshLog(4);
      await rewriteFrom(3, 0, (r) => (r.subject_id = 'someone-else'));
      const tail = await verifyAuditIntegrity(t.deps);
      assert.match(
        (tail as { problem: string }).problem,
        /entry 3: it is not keyed though earlier entries are/,
      );
      await rewriteFrom(1, 0, (r) => (r.subject_id = 'someone-else'));
      assert.equal((await audit.verify()).ok, true, 'a whole unkeyed chain hangs together on its own');
      const whole = await verifyAuditIntegrity(t.deps);
      assert.match((whole as { problem: string }).problem, /entry 4 does not match the checkpoint/);
    });

    it('keeps entries from before the chain was keyed verifiable', async () => {
      await freshLog(0);
      await t.deps.db.deleteFrom('audit_log').execute();
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= 2; seq++) {
        const row = {
          seq,
          id: `old-${seq}`,
          partnership_id: t.demo.partnershipId,
          at: '2026-01-01T00:00:00.000Z',
          user_id: null,
          user_label: null,
          action: 'old.entry',
          subject_type: null,
          subject_id: null,
          reason: null,
          ip: null,
          request_id: null,
          details: '{}',
          prev_hash: prev,
          keyed: 0,
        };
        prev = hashEntry(row);
        await t.deps.db
          .insertInto('audit_log')
          .values({ ...row, hash: prev })
          .execute();
      }
      await audit.record({ partnershipId: t.demo.partnershipId, action: 'new.entry' });
      assert.deepEqual(await audit.verify(), { ok: true, entries: 3 });
    });

    it('refuses to start on a broken log, or starts read-only with a banner when configured', async () => {
      await freshLog(4);
      await t.deps.db.deleteFrom('audit_log').where('seq', '=', 4).execute();
      await assert.rejects(auditStartupCheck(t.app, t.deps), AuditIntegrityError);
      assert.equal(t.app.readOnlyReason, null);

      const stop = await auditStartupCheck(t.app, {
        ...t.deps,
        config: { ...t.deps.config, auditOnBroken: 'read-only' },
      });
      assert.equal(stop, null);
      try {
        const c = new Client(t.app);
        await c.signIn(DEMO.officer);
        const home = await c.get('/staff');
        assert.equal(home.statusCode, 200);
        assert.match(home.body, /ASB Hub is read-only/);
        assert.match(home.body, /entries 4 to 4 were deleted/);
        await c.get('/account');
        const change = await c.post('/account/password', { currentPassword: 'x', newPassword: 'y' });
        assert.equal(change.statusCode, 503);
      } finally {
        t.app.readOnlyReason = null;
      }
    });
  });
}
