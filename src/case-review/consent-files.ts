/** Uploaded consent forms and evidence: checked by their first bytes, held pending, then filed with the application. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { newId } from '../platform/db/ids.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const FILE_TYPES = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' } as const;
export type FileMime = keyof typeof FILE_TYPES;

export interface PendingFile {
  id: string;
  mime: FileMime;
  bytes: number;
  originalName: string;
}

/** The file type from its first bytes; the name and the browser's claim are not trusted. */
export function sniffDocument(buf: Uint8Array): FileMime | null {
  if (buf.length >= 5 && String.fromCharCode(...buf.subarray(0, 5)) === '%PDF-') return 'application/pdf';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length >= 8 && png.every((b, i) => buf[i] === b)) return 'image/png';
  return null;
}

export const safeName = (name: string) =>
  path
    .basename(name)
    .replace(/[^\w .()-]+/g, '_')
    .slice(0, 100) || 'document';

const pendingDir = (uploadDir: string) => path.join(uploadDir, 'case-review', 'pending');
export const reviewDir = (uploadDir: string, reviewId: string) =>
  path.join(uploadDir, 'case-review', path.basename(reviewId));

export async function savePending(
  uploadDir: string,
  buf: Buffer,
  mime: FileMime,
  originalName: string,
): Promise<PendingFile> {
  const id = newId();
  await fs.mkdir(pendingDir(uploadDir), { recursive: true, mode: 0o700 });
  await fs.writeFile(path.join(pendingDir(uploadDir), id), buf, { mode: 0o600 });
  return { id, mime, bytes: buf.length, originalName: safeName(originalName) };
}

export async function discardPending(uploadDir: string, file: PendingFile): Promise<void> {
  await fs.rm(path.join(pendingDir(uploadDir), path.basename(file.id)), { force: true });
}

/** Moves a pending file into the application's folder; returns its stored name. */
export async function attachPending(uploadDir: string, reviewId: string, file: PendingFile): Promise<string> {
  const dir = reviewDir(uploadDir, reviewId);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const stored = `${path.basename(file.id)}.${FILE_TYPES[file.mime]}`;
  await fs.rename(path.join(pendingDir(uploadDir), path.basename(file.id)), path.join(dir, stored));
  return stored;
}

export function storedPath(uploadDir: string, reviewId: string, storedName: string): string {
  return path.join(reviewDir(uploadDir, reviewId), path.basename(storedName));
}

/** Reads one uploaded file from a multipart request with its other fields; errors in GOV.UK words. */
export async function readUpload(
  parts: AsyncIterableIterator<import('@fastify/multipart').Multipart>,
  uploadDir: string,
  fileField: string,
): Promise<{ fields: Record<string, string>; file: PendingFile | null; error: string | null }> {
  const fields: Record<string, string> = {};
  let file: PendingFile | null = null;
  let error: string | null = null;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value ?? '');
        continue;
      }
      const buf = await part.toBuffer();
      if (part.fieldname !== fileField || (!buf.length && !part.filename) || file || error) continue;
      if (!buf.length) {
        error = `The selected file ${safeName(part.filename)} is empty`;
        continue;
      }
      const mime = sniffDocument(buf);
      if (!mime) {
        error = 'The selected file must be a PDF, JPG or PNG';
        continue;
      }
      file = await savePending(uploadDir, buf, mime, part.filename);
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT')
      error = 'The selected file must be smaller than 10MB';
    else throw err;
  }
  if (error && file) {
    await discardPending(uploadDir, file);
    file = null;
  }
  return { fields, file, error };
}
