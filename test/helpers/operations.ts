import assert from 'node:assert/strict';
import type { Client } from './app.js';
import { todayInLondon } from '../../src/platform/dates/calendar-date.js';

/** Records a whole contact through the journey's pages; returns the contact id and the page after submitting. */
export async function recordContact(
  c: Client,
  person: Record<string, string>,
  opts: { match?: 'first' | 'new'; offered?: string[]; welfare?: Record<string, string | string[]> } = {},
) {
  await c.get('/operations');
  const start = await c.post('/operations/contacts');
  assert.equal(start.statusCode, 303);
  const base = String(start.headers.location).replace(/\/where$/, '');
  await c.get(`${base}/where`);
  const [y, m, d] = todayInLondon(new Date()).split('-');
  const where = await c.post(`${base}/where`, {
    landmark: 'Liverpool Street station',
    'occurredOn-day': d,
    'occurredOn-month': m,
    'occurredOn-year': y,
    occurredTime: '00:01',
  });
  assert.equal(where.statusCode, 303, where.body.slice(0, 300));
  await c.get(`${base}/person`);
  const who = await c.post(`${base}/person`, person);
  assert.equal(who.statusCode, 303);
  if (String(who.headers.location).endsWith('/match')) {
    const page = await c.get(`${base}/match`);
    const first = /name="match" type="radio" value="([^"]+)"/.exec(page.body)?.[1];
    await c.post(`${base}/match`, { match: opts.match === 'first' && first ? first : 'new' });
  }
  await c.get(`${base}/needs`);
  await c.post(`${base}/needs`, {
    seen: 'begging',
    needs: 'accommodation',
    supportOffered: opts.offered ?? [],
    signposted: 'hub',
  });
  await c.get(`${base}/welfare`);
  await c.post(`${base}/welfare`, opts.welfare ?? { welfareConcern: 'no' });
  await c.get(`${base}/check`);
  const done = await c.post(`${base}/submit`);
  return { id: base.split('/').pop()!, done };
}
