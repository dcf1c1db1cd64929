import fs from 'node:fs/promises';
import path from 'node:path';
import { newId } from '../platform/db/ids.js';
import { stripImageMetadata } from '../platform/image-metadata.js';
import { scanBuffer, type ScanResult } from '../platform/virus-scan.js';

export const MAX_PHOTOS = 3;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type PhotoMime = keyof typeof PHOTO_TYPES;

/** A photo uploaded during the public journey, waiting for the report to be sent. */
export interface PendingPhoto {
  id: string;
  mime: PhotoMime;
  bytes: number;
  originalName: string;
  /** What the virus check said at upload (older pending photos have none: not scanned). */
  scan?: string;
}

/** The image type from the file's first bytes; the name and the browser's claim are not trusted. */
export function sniffImage(buf: Uint8Array): PhotoMime | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length >= 8 && png.every((b, i) => buf[i] === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...buf.subarray(from, to));
  if (buf.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/**
 * What is kept of an uploaded photo: the image without its metadata (phones record where a photo was
 * taken), after the virus check; or why it cannot be kept.
 */
export async function preparePhoto(
  buf: Buffer,
  mime: PhotoMime,
  filename: string,
  clamdSocket: string | null,
): Promise<{ ok: true; data: Buffer; scan: ScanResult } | { ok: false; error: string; infected: boolean }> {
  const data = stripImageMetadata(buf, mime);
  if (!data)
    return {
      ok: false,
      error: `The selected file ${filename} could not be read as a photo. Choose another photo`,
      infected: false,
    };
  const scan = await scanBuffer(clamdSocket, data);
  if (scan.startsWith('infected'))
    return {
      ok: false,
      error: `The selected file ${filename} contains a virus. Choose another photo`,
      infected: true,
    };
  return { ok: true, data, scan };
}

export const safeName = (name: string) =>
  path
    .basename(name)
    .replace(/[^\w .()-]+/g, '_')
    .slice(0, 100) || 'photo';

const pendingDir = (uploadDir: string) => path.join(uploadDir, 'reports', 'pending');
export const reportPhotoDir = (uploadDir: string, reportId: string) =>
  path.join(uploadDir, 'reports', reportId);

const PENDING_MAX_AGE_MS = 24 * 3_600_000;

/** Deletes photos of journeys abandoned more than a day ago (sessions last 12 hours at most). */
export async function prunePending(uploadDir: string, nowMs = Date.now()): Promise<number> {
  const dir = pendingDir(uploadDir);
  let removed = 0;
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && nowMs - stat.mtimeMs > PENDING_MAX_AGE_MS) {
      await fs.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

export async function savePending(
  uploadDir: string,
  buf: Buffer,
  mime: PhotoMime,
  originalName: string,
  scan = 'not scanned',
): Promise<PendingPhoto> {
  const id = newId();
  await fs.mkdir(pendingDir(uploadDir), { recursive: true, mode: 0o700 });
  await prunePending(uploadDir);
  await fs.writeFile(path.join(pendingDir(uploadDir), id), buf, { mode: 0o600 });
  return { id, mime, bytes: buf.length, originalName: safeName(originalName), scan };
}

export async function discardPending(uploadDir: string, photo: PendingPhoto): Promise<void> {
  await fs.rm(path.join(pendingDir(uploadDir), path.basename(photo.id)), { force: true });
}

/** Moves pending photos into the report's folder; returns the stored file names. */
export async function attachPending(
  uploadDir: string,
  reportId: string,
  photos: readonly PendingPhoto[],
): Promise<string[]> {
  if (!photos.length) return [];
  const dir = reportPhotoDir(uploadDir, reportId);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const names: string[] = [];
  for (const p of photos) {
    const stored = `${path.basename(p.id)}.${PHOTO_TYPES[p.mime]}`;
    await fs.rename(path.join(pendingDir(uploadDir), path.basename(p.id)), path.join(dir, stored));
    names.push(stored);
  }
  return names;
}
