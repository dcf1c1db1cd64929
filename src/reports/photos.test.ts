import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sniffImage, safeName, savePending, prunePending, attachPending } from './photos.js';

describe('photo checks', () => {
  it('recognises JPEG, PNG and WebP by their first bytes', () => {
    assert.equal(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0])), 'image/jpeg');
    assert.equal(sniffImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])), 'image/png');
    assert.equal(
      sniffImage(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')])),
      'image/webp',
    );
  });
  it('refuses other files whatever their name', () => {
    assert.equal(sniffImage(Buffer.from('%PDF-1.7 ...')), null);
    assert.equal(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), null);
    assert.equal(sniffImage(Buffer.from('GIF89a')), null);
    assert.equal(sniffImage(Buffer.alloc(0)), null);
  });
  it('keeps only a safe base name', () => {
    assert.equal(safeName('../../etc/passwd'), 'passwd');
    assert.equal(safeName('my photo (1).jpg'), 'my photo (1).jpg');
    assert.equal(safeName('a<b>"c.png'), 'a_b_c.png');
  });
});

describe('pending photos', () => {
  it('keeps a photo until the report is sent, moves it to the report, and prunes abandoned ones after a day', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-photos-'));
    const kept = await savePending(dir, Buffer.from([0xff, 0xd8, 0xff, 0]), 'image/jpeg', 'a.jpg');
    const abandoned = await savePending(dir, Buffer.from([0xff, 0xd8, 0xff, 1]), 'image/jpeg', 'b.jpg');
    const old = new Date(Date.now() - 25 * 3_600_000);
    fs.utimesSync(path.join(dir, 'reports', 'pending', abandoned.id), old, old);
    assert.equal(await prunePending(dir), 1);
    const [stored] = await attachPending(dir, 'report-1', [kept]);
    assert.ok(fs.existsSync(path.join(dir, 'reports', 'report-1', stored)));
    assert.equal(fs.readdirSync(path.join(dir, 'reports', 'pending')).length, 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
