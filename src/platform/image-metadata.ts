/**
 * Removes the metadata a phone writes into a photo (EXIF with GPS position, XMP, IPTC, comments,
 * text chunks) without decoding or re-encoding the image. JPEG, PNG and WebP, the types accepted for
 * upload. Anything it cannot parse is refused (null) rather than stored with its metadata.
 */
export function stripImageMetadata(buf: Buffer, mime: string): Buffer | null {
  try {
    if (mime === 'image/jpeg') return stripJpeg(buf);
    if (mime === 'image/png') return stripPng(buf);
    if (mime === 'image/webp') return stripWebp(buf);
  } catch {
    return null;
  }
  return null;
}

// APP1 (EXIF, XMP), APP12 (Ducky), APP13 (IPTC/Photoshop) and comments; APP0 (JFIF), APP2 (ICC colour)
// and APP14 (Adobe colour transform) are kept because the image needs them to display right.
const JPEG_DROP = new Set([0xe1, 0xec, 0xed, 0xfe]);

function stripJpeg(buf: Buffer): Buffer | null {
  if (buf[0] !== 0xff || buf[1] !== 0xd8) return null;
  const parts: Buffer[] = [buf.subarray(0, 2)];
  let i = 2;
  while (i < buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) {
      parts.push(buf.subarray(i)); // start of scan: the image data and the rest, as they are
      return Buffer.concat(parts);
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(buf.subarray(i, i + 2));
      i += 2;
      continue;
    }
    const length = buf.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > buf.length) return null;
    if (!JPEG_DROP.has(marker)) parts.push(buf.subarray(i, i + 2 + length));
    i += 2 + length;
  }
  return null;
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

function stripPng(buf: Buffer): Buffer | null {
  const parts: Buffer[] = [buf.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= buf.length) {
    const length = buf.readUInt32BE(i);
    const type = buf.toString('latin1', i + 4, i + 8);
    const end = i + 12 + length;
    if (end > buf.length) return null;
    if (!PNG_DROP.has(type)) parts.push(buf.subarray(i, end));
    i = end;
    if (type === 'IEND') return Buffer.concat(parts);
  }
  return null;
}

function stripWebp(buf: Buffer): Buffer | null {
  if (buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WEBP') return null;
  const chunks: Buffer[] = [];
  let i = 12;
  while (i + 8 <= buf.length) {
    const type = buf.toString('latin1', i, i + 4);
    const size = buf.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > buf.length) return null;
    const chunk = Buffer.from(buf.subarray(i, Math.min(end, buf.length)));
    if (type === 'VP8X') chunk[8] &= ~0x0c; // clear the EXIF and XMP flags
    if (type !== 'EXIF' && type !== 'XMP ') chunks.push(chunk);
    i = end;
  }
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}
