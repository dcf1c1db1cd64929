import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { scanBuffer } from '../../src/platform/virus-scan.js';

const GPS = Buffer.from('GPSLatitude 51.5142 N planted-position', 'latin1');
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** A small JPEG whose EXIF block holds a GPS position (and, if asked, the EICAR test string in its image data). */
function jpeg(extra = ''): Buffer {
  const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), GPS]);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(app1.length + 2);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe1]),
    len,
    app1,
    Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 0x12, 0x34]),
    Buffer.from(extra, 'latin1'),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A stand-in for clamd speaking its INSTREAM protocol: anything holding "EICAR" is a virus. */
function fakeClamd(socketPath: string): net.Server {
  return net
    .createServer((socket) => {
      let data = Buffer.alloc(0);
      socket.on('data', (d) => {
        data = Buffer.concat([data, d]);
        if (data.length >= 4 && data.subarray(-4).equals(Buffer.alloc(4))) {
          socket.end(
            data.includes(Buffer.from('EICAR')) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0',
          );
        }
      });
    })
    .listen(socketPath);
}

async function toPhotos(c: Client) {
  await c.get('/report/what');
  await c.post('/report/what', { category: 'graffiti', hate: 'no' });
  await c.get('/report/where');
  await c.post('/report/where', { location: 'Cheapside' });
  await c.get('/report/when');
  await c.post('/report/when', { when: 'ongoing' });
  await c.get('/report/details');
  await c.post('/report/details', { description: 'Fresh tags on the shutters of the bank.' });
  await c.get('/report/photos');
}

async function fileIt(c: Client): Promise<string> {
  await c.get('/report/photos');
  await c.post('/report/photos', { action: 'continue' });
  await c.get('/report/about');
  await c.post('/report/about', { reporterKind: 'witness', identity: 'anonymous' });
  await c.get('/report/check');
  await c.post('/report/check');
  const conf = await c.get('/report/confirmation');
  return /id="reference">(ASB-\d{4}-\d{6})</.exec(conf.body)![1];
}

for (const dialect of testDialects()) {
  for (const scanner of [false, true]) {
    describe(`uploaded photos: metadata stripped, virus check ${scanner ? 'on' : 'off'} [${dialect}]`, () => {
      let t: TestApp;
      let server: net.Server | null = null;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asbhub-clamd-'));
      before(async () => {
        const socket = path.join(dir, 'clamd.sock');
        if (scanner) server = fakeClamd(socket);
        t = await startTestApp(dialect, { env: scanner ? { CLAMD_SOCKET: socket } : {} });
      });
      after(async () => {
        await t.close();
        server?.close();
        fs.rmSync(dir, { recursive: true, force: true });
      });

      it('stores the photo without its GPS position and records the virus check on it', async () => {
        const c = new Client(t.app);
        await toPhotos(c);
        const up = await c.postFiles('/report/photos', { action: 'upload' }, [
          { field: 'photos', name: 'wall.jpg', type: 'image/jpeg', data: jpeg() },
        ]);
        assert.equal(up.statusCode, 302, up.body.slice(0, 500));
        const reference = await fileIt(c);
        const report = await t.deps.db
          .selectFrom('reports')
          .select('id')
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow();
        const photo = await t.deps.db
          .selectFrom('report_photos')
          .selectAll()
          .where('report_id', '=', report.id)
          .executeTakeFirstOrThrow();
        const stored = fs.readFileSync(
          path.join(t.deps.config.uploadDir, 'reports', report.id, photo.stored_name),
        );
        assert.ok(!stored.includes(GPS), 'the GPS position is gone from the stored file');
        assert.equal(photo.scan_status, scanner ? 'clean' : 'not scanned');

        const staff = new Client(t.app);
        await staff.signIn(DEMO.cleansingOfficer);
        const page = await staff.get(`/reports/${reference}`);
        assert.match(page.body, scanner ? /checked for viruses/ : /not checked for viruses/);
      });

      if (scanner)
        it('refuses a photo the virus check finds infected', async () => {
          const c = new Client(t.app);
          await toPhotos(c);
          const up = await c.postFiles('/report/photos', { action: 'upload' }, [
            { field: 'photos', name: 'bad.jpg', type: 'image/jpeg', data: jpeg(EICAR) },
          ]);
          assert.equal(up.statusCode, 400);
          assert.match(up.body, /bad\.jpg contains a virus/);
        });
    });
  }
}

describe('scanBuffer', () => {
  it('says "not scanned" without a socket, and refuses to pass a file when the scanner is down', async () => {
    assert.equal(await scanBuffer(null, Buffer.from('x')), 'not scanned');
    await assert.rejects(
      scanBuffer(path.join(os.tmpdir(), 'no-such-clamd.sock'), Buffer.from('x')),
      /unavailable/,
    );
  });
});
