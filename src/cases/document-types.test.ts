import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectDocumentType, safeFilename } from './document-types.js';

describe('document types', () => {
  it('accepts files whose contents match their extension', () => {
    assert.equal(detectDocumentType('statement.pdf', Buffer.from('%PDF-1.7\n...'))?.mime, 'application/pdf');
    assert.equal(
      detectDocumentType('photo.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))?.mime,
      'image/jpeg',
    );
    assert.equal(
      detectDocumentType('p.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]))?.mime,
      'image/png',
    );
    assert.equal(
      detectDocumentType('diary.txt', Buffer.from('Monday: music until 2am. Café noise – again.'))?.label,
      'Text',
    );
    assert.equal(
      detectDocumentType(
        'w.docx',
        Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('....word/document.xml')]),
      )?.label,
      'Word document',
    );
  });

  it('refuses a renamed file, markup posing as text, binary text and unknown types', () => {
    assert.equal(detectDocumentType('statement.pdf', Buffer.from([0x4d, 0x5a, 0x90, 0])), null); // an executable
    assert.equal(detectDocumentType('photo.png', Buffer.from('%PDF-1.4')), null);
    assert.equal(detectDocumentType('notes.txt', Buffer.from('<html><script>alert(1)</script>')), null);
    assert.equal(detectDocumentType('notes.txt', Buffer.from([0x61, 0, 0x62])), null);
    assert.equal(detectDocumentType('page.html', Buffer.from('hello')), null);
    assert.equal(detectDocumentType('bad.txt', Buffer.from([0xc3, 0x28, 0x41])), null); // invalid UTF-8
  });

  it('keeps a UTF-8 character cut at the 8 KB boundary', () => {
    const text = Buffer.from('a'.repeat(8191) + 'é and more');
    assert.equal(detectDocumentType('long.txt', text)?.label, 'Text');
  });

  it('makes file names safe', () => {
    assert.equal(safeFilename('../../etc/passwd'), 'passwd');
    assert.equal(safeFilename('C:\\Users\\x\\statement "v2".pdf'), 'statement _v2_.pdf');
    assert.equal(safeFilename('a\u0000b.txt'), 'a_b.txt');
    assert.equal(safeFilename(''), 'document');
  });
});
