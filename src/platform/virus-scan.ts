import net from 'node:net';

/** What a virus check said about a file: recorded with it and shown to staff. */
export type ScanResult = 'clean' | 'not scanned' | `infected: ${string}`;

const CHUNK = 64 * 1024;
const TIMEOUT_MS = 15_000;

/**
 * Asks clamd (ClamAV's daemon) about a file through its INSTREAM command on the socket configured
 * in CLAMD_SOCKET. Without a socket the file is "not scanned". A scanner that is configured but does
 * not answer is an error: the upload is refused rather than passed unchecked.
 */
export function scanBuffer(socketPath: string | null, data: Buffer): Promise<ScanResult> {
  if (!socketPath) return Promise.resolve('not scanned');
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    let reply = '';
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error('virus scanner did not answer in time')));
    socket.on('error', (err) => reject(new Error(`virus scanner unavailable: ${err.message}`)));
    socket.on('data', (d) => (reply += d.toString('latin1')));
    socket.on('end', () => {
      const answer = reply.replace(/\0/g, '').trim();
      const found = /^stream: (.+) FOUND$/.exec(answer);
      if (found) resolve(`infected: ${found[1]}`);
      else if (answer === 'stream: OK') resolve('clean');
      else reject(new Error(`virus scanner answered "${answer.slice(0, 100)}"`));
    });
    socket.on('connect', () => {
      socket.write('zINSTREAM\0');
      for (let i = 0; i < data.length; i += CHUNK) {
        const part = data.subarray(i, i + CHUNK);
        const size = Buffer.alloc(4);
        size.writeUInt32BE(part.length);
        socket.write(size);
        socket.write(part);
      }
      socket.end(Buffer.alloc(4));
    });
  });
}
