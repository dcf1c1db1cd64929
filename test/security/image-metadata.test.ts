import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stripImageMetadata } from '../../src/platform/image-metadata.js';

const GPS = Buffer.from('GPSLatitude 51.5142 N GPSLongitude 0.0931 W', 'latin1');
const seg = (marker: number, body: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
};

function jpeg(): { file: Buffer; scan: Buffer } {
  const scan = Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9]);
  const file = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), GPS])),
    seg(0xe1, Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), GPS])),
    seg(0xfe, Buffer.from('taken at home', 'latin1')),
    seg(0xdb, Buffer.alloc(67, 1)),
    scan,
  ]);
  return { file, scan };
}

function pngChunk(type: string, data: Buffer) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, data, Buffer.alloc(4)]);
}

describe('photo metadata is stripped on upload', () => {
  it('JPEG: EXIF, XMP and comments go; the image data stays byte for byte', () => {
    const { file, scan } = jpeg();
    assert.ok(file.includes(GPS));
    const clean = stripImageMetadata(file, 'image/jpeg')!;
    assert.ok(!clean.includes(GPS), 'GPS position removed');
    assert.ok(!clean.includes(Buffer.from('taken at home')));
    assert.ok(clean.includes(Buffer.from('JFIF')), 'JFIF header kept');
    assert.ok(clean.subarray(clean.length - scan.length).equals(scan), 'scan data unchanged');
  });

  it('PNG: eXIf and text chunks go', () => {
    const file = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', Buffer.alloc(13)),
      pngChunk('eXIf', GPS),
      pngChunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), GPS])),
      pngChunk('IDAT', Buffer.from([1, 2, 3])),
      pngChunk('IEND', Buffer.alloc(0)),
    ]);
    const clean = stripImageMetadata(file, 'image/png')!;
    assert.ok(!clean.includes(GPS));
    assert.ok(clean.includes(Buffer.from('IDAT')) && clean.includes(Buffer.from('IEND')));
  });

  it('WebP: EXIF and XMP chunks go and the RIFF size is right', () => {
    const chunk = (type: string, data: Buffer) => {
      const head = Buffer.alloc(8);
      head.write(type, 0, 'latin1');
      head.writeUInt32LE(data.length, 4);
      return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
    };
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x0c;
    const body = Buffer.concat([
      Buffer.from('WEBP'),
      chunk('VP8X', vp8x),
      chunk('VP8 ', Buffer.alloc(10, 7)),
      chunk('EXIF', GPS),
      chunk('XMP ', GPS),
    ]);
    const head = Buffer.alloc(8);
    head.write('RIFF', 0, 'latin1');
    head.writeUInt32LE(body.length, 4);
    const clean = stripImageMetadata(Buffer.concat([head, body]), 'image/webp')!;
    assert.ok(!clean.includes(GPS));
    assert.equal(clean.readUInt32LE(4), clean.length - 8);
    assert.equal(clean[20] & 0x0c, 0, 'VP8X no longer announces EXIF or XMP');
  });

  it('refuses a file it cannot parse rather than keeping its metadata', () => {
    assert.equal(stripImageMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]), 'image/jpeg'), null);
  });
});
