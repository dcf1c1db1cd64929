import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** Elements that are lists in GeoReport v2 (FixMyStreet's XML reader forces these to arrays too). */
const LISTS = new Set([
  'service',
  'request',
  'request_update',
  'attribute',
  'value',
  'endpoint',
  'format',
  'error',
]);
const parser = new XMLParser({
  isArray: (name) => LISTS.has(name),
  parseTagValue: false,
  trimValues: true,
});

/** Parses an XML response after checking it is declared UTF-8 XML. */
export function parseXml(res: LightMyRequestResponse): Record<string, any> {
  assert.match(res.headers['content-type'] as string, /^text\/xml; charset=utf-8/);
  assert.match(res.body, /^<\?xml version="1.0" encoding="utf-8"\?>/);
  return parser.parse(res.body);
}

export function parseJson(res: LightMyRequestResponse): any {
  assert.match(res.headers['content-type'] as string, /^application\/json/);
  return JSON.parse(res.body);
}

/** A form post as FixMyStreet's client sends it (repeated keys for lists). */
export function postForm(
  app: FastifyInstance,
  url: string,
  form: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: body.toString(),
  });
}

/** Checks a response is the specification's error list in its format, with this code; returns the descriptions. */
export function errorsOf(res: LightMyRequestResponse, format: 'xml' | 'json', code: number): string[] {
  assert.equal(res.statusCode, code, res.body);
  const list =
    format === 'xml'
      ? (parseXml(res).errors.error as { code: string; description: string }[])
      : (parseJson(res) as { code: number; description: string }[]);
  assert.ok(Array.isArray(list) && list.length > 0, res.body);
  for (const e of list) {
    assert.equal(Number(e.code), code);
    assert.equal(typeof e.description, 'string');
    assert.deepEqual(Object.keys(e).sort(), ['code', 'description']);
  }
  return list.map((e) => e.description);
}
