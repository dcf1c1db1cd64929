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
  };
}
