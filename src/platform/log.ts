import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config.js';

/** Query parameters whose values are secrets or personal data wherever they appear. */
const SECRET_PARAMS = new Set([
  'api_key',
  'apikey',
  'key',
  'token',
  'access_token',
  '_csrf',
  'csrf',
  'code',
  'state',
  'password',
  'email',
  'useremail',
  'phone',
  'name',
  'firstname',
  'first_name',
  'surname',
  'last_name',
  'contact',
  'address',
  'postcode',
  'dob',
  'q',
  'query',
  'search',
  'next',
]);

/** Paths whose queries are about people: every value is left out. */
const PERSONAL_PATHS = [
  '/intake',
  '/people',
  '/audit',
  '/admin/users',
  '/cases',
  '/case-review',
  '/reports/',
];

const REDACTED = '[redacted]';

/** The URL as it may be logged: values of secret parameters, and every value on personal paths, replaced. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const path = url.slice(0, at);
  const personal = PERSONAL_PATHS.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`));
  const parts = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        return REDACTED;
      }
      const secret = personal || SECRET_PARAMS.has(name.toLowerCase().replace(/\[\]$/, ''));
      return eq < 0 || !secret ? pair : `${rawName}=${REDACTED}`;
    });
  return `${path}?${parts.join('&')}`;
}

/**
 * Logs carry no personal data: request bodies are never logged, query strings are redacted by rule
 * (redactUrl), and these fields are removed if present.
 */
export function createLogger(config: Config, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      serializers: {
        req: (req: { method?: string; url?: string; id?: string; ip?: string }) => ({
          method: req.method,
          url: redactUrl(String(req.url ?? '')),
          id: req.id,
          remoteAddress: req.ip,
        }),
      },
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-api-key"]',
          '*.password',
          '*.email',
          '*.phone',
          '*.name',
        ],
        remove: true,
      },
    },
    destination,
  );
}
