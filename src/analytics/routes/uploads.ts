import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';

export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
export const MAX_UPLOAD_FILES = 40;

export interface Uploaded {
  name: string;
  contents: Buffer;
}

/** Reads a multipart form: its files (those with a name) and its other fields. Throws 'too-large'. */
export async function readUploads(
  req: FastifyRequest,
): Promise<{ files: Uploaded[]; fields: Record<string, string>; tooLarge: boolean }> {
  const files: Uploaded[] = [];
  const fields: Record<string, string> = {};
  if (!req.isMultipart()) return { files, fields, tooLarge: false };
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: MAX_UPLOAD_FILES } })) {
      if (part.type === 'file') {
        const f = part as MultipartFile;
        if (!f.filename) {
          f.file.resume();
          continue;
        }
        const contents = await f.toBuffer();
        if (f.file.truncated) return { files, fields, tooLarge: true };
        files.push({ name: f.filename, contents });
      } else fields[part.fieldname] = String(part.value ?? '');
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT')
      return { files, fields, tooLarge: true };
    throw err;
  }
  return { files, fields, tooLarge: false };
}

/**
 * Where an upload goes next. The upload script (analytics-import.js) shows the upload's progress and
 * sends x-upload-progress: 1; it is told where to go rather than redirected (so a flash message
 * waits for that page). A plain form post is redirected.
 */
export function uploadDone(req: FastifyRequest, reply: FastifyReply, location: string) {
  if (req.headers['x-upload-progress'] === '1') return reply.send({ location });
  return reply.redirect(location);
}
