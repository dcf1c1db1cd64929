import pino, { type Logger } from 'pino';
import type { Config } from '../config.js';

/** Logs carry no personal data: request bodies are never logged, and these fields are removed if present. */
export function createLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
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
  });
}
