/**
 * Which files may be attached to a case: the type is decided from the file's first bytes, and the
 * name's extension must agree, so a renamed executable or HTML page is refused.
 */
export interface DocumentType {
  mime: string;
  extensions: string[];
  label: string;
}

const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

const TYPES: { type: DocumentType; test: (buf: Buffer) => boolean }[] = [
  {
    type: { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
    test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  },
  {
    type: { mime: 'image/png', extensions: ['png'], label: 'PNG image' },
    test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  {
    type: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG image' },
    test: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  },
  {
    type: {
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      extensions: ['docx'],
      label: 'Word document',
    },
    test: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) && b.includes('word/'),
  },
  {
    type: {
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extensions: ['xlsx'],
      label: 'Excel spreadsheet',
    },
    test: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) && b.includes('xl/'),
  },
  {
    type: { mime: 'text/plain; charset=utf-8', extensions: ['txt', 'csv'], label: 'Text' },
    test: isPlainText,
  },
];

function isPlainText(b: Buffer): boolean {
  const head = b.subarray(0, 8192);
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, lastCompleteUtf8(head)));
  } catch {
    return false;
  }
  // Refuse markup: a text file that a browser would render as a page.
  return !/<\s*(html|script|svg|iframe)/i.test(head.toString('utf8'));
}

/** The length of the buffer up to its last whole UTF-8 character (the head may cut one in two). */
function lastCompleteUtf8(b: Buffer): number {
  const i = b.length;
  for (let back = 1; back <= 3 && i - back >= 0; back++) {
    const byte = b[i - back];
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? i - back : i;
  }
  return i;
}

export const ACCEPTED_LABELS = 'PDF, JPEG, PNG, Word (.docx), Excel (.xlsx), text or CSV';
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The file's type when its contents and extension agree on an accepted type; otherwise null. */
export function detectDocumentType(filename: string, contents: Buffer): DocumentType | null {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const found = TYPES.find((t) => t.test(contents));
  return found && found.type.extensions.includes(ext) ? found.type : null;
}

/** A file name safe to store and send back: no folders, no control characters, at most 150 characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'document';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_').trim();
  return (cleaned || 'document').slice(-150);
}
