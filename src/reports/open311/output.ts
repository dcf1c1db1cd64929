import { XMLBuilder } from 'fast-xml-parser';
import { TZDate } from '@date-fns/tz';
import { format as formatDate } from 'date-fns';
import type { FastifyReply } from 'fastify';

/** The two GeoReport v2 formats; the format is the extension of the last path segment. */
export type Format = 'xml' | 'json';
export const FORMATS: readonly Format[] = ['xml', 'json'];
export const MIME: Record<Format, string> = { xml: 'text/xml', json: 'application/json' };

/** The format a path asks for: `.xml` or `.json` at its end (before any query), else null. */
export function formatOf(url: string): Format | null {
  const m = /\.(xml|json)$/i.exec(url.split('?')[0]);
  return m ? (m[1].toLowerCase() as Format) : null;
}

/** `code.xml` -> {id: 'code', format: 'xml'}; null when the extension is not a format we serve. */
export function splitFormat(segment: string): { id: string; format: Format } | null {
  const f = formatOf(segment);
  return f ? { id: segment.slice(0, -(f.length + 1)), format: f } : null;
}

/**
 * The element name of each item of a list, by the list's own name, as the specification shapes the
 * XML: `<services><service>`, `<attributes><attribute>`, `<values><value>`, and so on.
 */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

/** Characters XML 1.0 cannot carry (control characters other than tab and newlines): dropped, so the document parses. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

type Value = string | number | boolean | null | undefined | Value[] | { [k: string]: Value };

/** Turns a response into what XMLBuilder writes: nulls become empty elements, lists get their item element. */
function xmlTree(name: string, v: Value): unknown {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) {
    const item = ITEM[name];
    if (!item) return v.map(String).join(',');
    return { [item]: v.map((x) => xmlTree(item, x)) };
  }
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = xmlTree(k, x);
    return out;
  }
  return typeof v === 'string' ? v.replace(NOT_XML, '') : v;
}

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false });

/** The XML document for a response whose root element is `root` (a list root gets its item elements). */
export function toXml(root: string, body: Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: xmlTree(root, body) })}`;
}

/**
 * Sends a GeoReport v2 response: JSON as is, XML under `root`. For lists the JSON is the bare array,
 * as the specification shows it.
 */
export function send(reply: FastifyReply, format: Format, root: string, body: Value, status = 200) {
  reply.code(status);
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
  return reply.type('text/xml; charset=utf-8').send(toXml(root, body));
}

/** A GeoReport v2 error list: `[{code, description}]` or `<errors><error>…</error></errors>`. */
export function sendErrors(
  reply: FastifyReply,
  format: Format,
  code: number,
  ...descriptions: string[]
): FastifyReply {
  return send(
    reply,
    format,
    'errors',
    descriptions.map((description) => ({ code, description })),
    code,
  );
}

/** A W3C date-time with the London offset, as the specification's examples give them (2026-07-01T09:30:00+01:00). */
export function w3c(iso: string | null): string | null {
  if (!iso) return null;
  return formatDate(new TZDate(new Date(iso).getTime(), 'Europe/London'), "yyyy-MM-dd'T'HH:mm:ssxxx");
}
