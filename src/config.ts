import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  /** postgres://... when set; otherwise the embedded SQLite file. */
  databaseUrl: string | null;
  sqliteFile: string;
  sessionSecret: string;
  /** Public base URL, used in emails, OIDC redirects and Open311 discovery. */
  baseUrl: string;
  dataDir: string;
  uploadDir: string;
  datasetsDir: string;
  logLevel: string;
  mapTileUrl: string;
  oidc: { issuer: string; clientId: string; clientSecret: string } | null;
  secureCookies: boolean;
  /** Addresses or CIDR ranges of the reverse proxies whose X-Forwarded-For is believed; none by default. */
  trustProxy: string[];
  /** Password hashes (argon2) computed at once, and how many more may wait before 503. */
  hashConcurrency: number;
  hashQueue: number;
  /** Bearer token /metrics asks for; null leaves it open (refused in production). */
  metricsToken: string | null;
  /** The key of the audit log's HMAC chain, kept outside the database. */
  auditKey: Buffer;
  /** What start-up does when the audit chain does not verify against its last checkpoint. */
  auditOnBroken: 'refuse' | 'read-only';
  /** Backups and the audit log's signed checkpoints. */
  backupDir: string;
  auditCheckpointMinutes: number;
  /** clamd's Unix socket: uploads are virus-checked when set, otherwise recorded as not scanned. */
  clamdSocket: string | null;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads configuration from the environment. Fails fast, naming the setting, when a value is unusable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'test', 'production'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, test or production (it is "${nodeEnv}")`);
  }
  const production = nodeEnv === 'production';
  const port =
    env.PORT === undefined || env.PORT === '' ? 3000 : /^\d+$/.test(env.PORT) ? Number(env.PORT) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535 (it is "${env.PORT}")`);
  }
  const databaseUrl = env.DATABASE_URL ? env.DATABASE_URL : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const sessionSecret = env.SESSION_SECRET ?? '';
  if (production && sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET must be set to at least 32 characters when NODE_ENV=production');
  }
  const baseUrl = env.BASE_URL ?? `http://localhost:${port}`;
  if (production && !env.BASE_URL) throw new ConfigError('BASE_URL must be set when NODE_ENV=production');
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigError(
      `BASE_URL must be a full URL such as https://asbhub.example.gov.uk (it is "${baseUrl}")`,
    );
  }
  const logLevel = env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  const oidcIssuer = env.OIDC_ISSUER ?? '';
  let oidc: Config['oidc'] = null;
  if (oidcIssuer) {
    if (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) {
      throw new ConfigError('OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set when OIDC_ISSUER is set');
    }
    oidc = { issuer: oidcIssuer, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET };
  }
  const trustProxy = parseTrustProxy(env.TRUST_PROXY ?? '');
  const metricsToken = env.METRICS_TOKEN ? env.METRICS_TOKEN : null;
  if (production && (!metricsToken || metricsToken.length < 24))
    throw new ConfigError('METRICS_TOKEN must be set to at least 24 characters when NODE_ENV=production');
  const auditOnBroken = env.AUDIT_ON_BROKEN ?? 'refuse';
  if (auditOnBroken !== 'refuse' && auditOnBroken !== 'read-only')
    throw new ConfigError(`AUDIT_ON_BROKEN must be refuse or read-only (it is "${auditOnBroken}")`);
  return {
    env: nodeEnv as Config['env'],
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    sqliteFile: path.resolve(env.SQLITE_FILE ?? path.join(dataDir, 'asbhub.sqlite')),
    sessionSecret: sessionSecret || 'development-only-secret-change-me-0123456789',
    baseUrl: baseUrl.replace(/\/$/, ''),
    dataDir,
    uploadDir: path.resolve(env.UPLOAD_DIR ?? path.join(dataDir, 'uploads')),
    datasetsDir: path.resolve(env.DATASETS_DIR ?? path.join('..', 'shared', 'datasets')),
    logLevel,
    mapTileUrl: env.MAP_TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    oidc,
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : production,
    trustProxy,
    hashConcurrency: wholeNumber(env, 'HASH_CONCURRENCY', 2, 1),
    hashQueue: wholeNumber(env, 'HASH_QUEUE', 16, 0),
    metricsToken,
    auditKey: readAuditKey(env, production),
    auditOnBroken,
    backupDir: path.resolve(env.BACKUP_DIR ?? path.join(dataDir, 'backups')),
    auditCheckpointMinutes: wholeNumber(env, 'AUDIT_CHECKPOINT_MINUTES', 15, 1),
    clamdSocket: env.CLAMD_SOCKET ? env.CLAMD_SOCKET : null,
  };
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min)
    throw new ConfigError(`${name} must be a whole number of at least ${min} (it is "${raw}")`);
  return Number(raw);
}

/** TRUST_PROXY: comma-separated addresses or CIDR ranges (10.0.0.0/8, ::1); empty trusts no proxy. */
export function parseTrustProxy(raw: string): string[] {
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    const [address, bits, extra] = item.split('/');
    const family = net.isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (!family || !bitsOk || extra !== undefined)
      throw new ConfigError(
        `TRUST_PROXY must list proxy addresses or CIDR ranges, comma-separated, such as 10.0.0.5,10.1.0.0/16 (it has "${item}")`,
      );
  }
  return items;
}

export const DEVELOPMENT_AUDIT_KEY = 'development-only-audit-key-change-me-0123456789';

/** AUDIT_KEY (32+ characters) or AUDIT_KEY_FILE; required in production so the key is never in the database. */
function readAuditKey(env: NodeJS.ProcessEnv, production: boolean): Buffer {
  let key = env.AUDIT_KEY ?? '';
  if (!key && env.AUDIT_KEY_FILE) {
    try {
      key = fs.readFileSync(env.AUDIT_KEY_FILE, 'utf8').trim();
    } catch {
      throw new ConfigError(`AUDIT_KEY_FILE could not be read (it is "${env.AUDIT_KEY_FILE}")`);
    }
  }
  if (!key && !production) key = DEVELOPMENT_AUDIT_KEY;
  if (key.length < 32)
    throw new ConfigError(
      'AUDIT_KEY or AUDIT_KEY_FILE must give a key of at least 32 characters when NODE_ENV=production',
    );
  return Buffer.from(key, 'utf8');
}
