import { createHmac, timingSafeEqual } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read out or typed by hand is hard to get wrong.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The tracking code a reporter needs, with the reference, to follow a report: ten characters (50 bits)
 * derived from the report's random id under the server's secret, so it cannot be walked or guessed
 * and needs no storage. Changing SESSION_SECRET changes every code.
 */
export function trackingCode(secret: string, reportId: string): string {
  const mac = createHmac('sha256', secret).update(`report-tracking:${reportId}`).digest();
  let out = '';
  for (let i = 0; i < 10; i++) out += ALPHABET[mac[i] & 31];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

/** What a person typed, as a code: case, spaces and dashes ignored; O read as 0, I and L as 1. */
export function normaliseTrackingCode(typed: string): string {
  const clean = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return clean.length === 10 ? `${clean.slice(0, 5)}-${clean.slice(5)}` : clean;
}

export function trackingCodeMatches(secret: string, reportId: string, typed: string): boolean {
  const expected = Buffer.from(trackingCode(secret, reportId));
  const given = Buffer.from(normaliseTrackingCode(typed));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
