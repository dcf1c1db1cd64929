/** A file that starts as one encoding and turns into another: the line where it stops being UTF-8. */
export class MixedEncodingError extends Error {
  constructor(readonly line: number) {
    super(`line ${line} is not UTF-8 text, though earlier lines are`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// Windows-1252 is Latin-1 except for 0x80-0x9F, which hold printable characters (€, smart quotes, dashes).
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Buffer): string {
  return Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/**
 * Decodes uploaded text chunk by chunk as UTF-8, switching to Windows-1252 (the superset of Latin-1
 * that spreadsheet programs on Windows save "CSV" in) when bytes that cannot be UTF-8 appear before
 * any UTF-8 character has. A file mixing the two is refused with the line named, never corrupted.
 */
export class TextChunkDecoder {
  encoding: 'utf-8' | 'windows-1252' = 'utf-8';
  private carry = Buffer.alloc(0);
  private sawUtf8 = false;
  private lines = 1;

  write(chunk: Buffer): string {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    if (this.encoding === 'windows-1252') return decodeWindows1252(data);
    const cut = incompleteTail(data);
    this.carry = Buffer.from(data.subarray(cut));
    return this.decode(data.subarray(0, cut));
  }

  end(): string {
    const rest = this.carry;
    this.carry = Buffer.alloc(0);
    if (!rest.length) return '';
    return this.encoding === 'windows-1252' ? decodeWindows1252(rest) : this.decode(rest);
  }

  private decode(bytes: Uint8Array): string {
    try {
      const text = utf8.decode(bytes);
      if (!this.sawUtf8 && bytes.some((b) => b >= 0x80)) this.sawUtf8 = true;
      this.lines += countNewlines(bytes, bytes.length);
      return text;
    } catch {
      const bad = firstInvalid(bytes);
      if (this.sawUtf8 || bytes.subarray(0, bad).some((b) => b >= 0x80))
        throw new MixedEncodingError(this.lines + countNewlines(bytes, bad));
      this.encoding = 'windows-1252';
      const rest = Buffer.concat([bytes, this.carry]);
      this.carry = Buffer.alloc(0);
      return decodeWindows1252(rest);
    }
  }
}

function countNewlines(bytes: Uint8Array, upTo: number): number {
  let n = 0;
  for (let i = 0; i < upTo; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

/** Where a UTF-8 sequence cut off by the end of the chunk begins (the chunk's length if none is). */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalid(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const need =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (!need) return i;
    for (let k = 1; k < need; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need;
  }
  return bytes.length;
}
