import path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, ConfigError } from '../../src/config.js';

const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'x'.repeat(32),
  BASE_URL: 'https://asbhub.example.gov.uk',
  METRICS_TOKEN: 'm'.repeat(24),
  AUDIT_KEY: 'k'.repeat(32),
};

/** Asserts that loading fails with a ConfigError whose message names the setting. */
function refuses(env: Record<string, string>, setting: string | RegExp): ConfigError {
  let caught: unknown;
  try {
    loadConfig(env);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof ConfigError, `expected a ConfigError, got ${String(caught)}`);
  assert.match(caught.message, typeof setting === 'string' ? new RegExp(`\\b${setting}\\b`) : setting);
  return caught;
}

describe('configuration fails fast, naming the setting', () => {
  it('starts in production with a long secret and a base URL', () => {
    const c = loadConfig(PRODUCTION);
    assert.equal(c.env, 'production');
    assert.equal(c.sessionSecret, PRODUCTION.SESSION_SECRET);
    assert.equal(c.secureCookies, true);
    assert.equal(c.logLevel, 'info');
  });

  it('refuses production without SESSION_SECRET, or with a short one', () => {
    refuses({ ...PRODUCTION, SESSION_SECRET: '' }, 'SESSION_SECRET');
    const { SESSION_SECRET: _, ...withoutSecret } = PRODUCTION;
    refuses(withoutSecret, 'SESSION_SECRET');
    refuses({ ...PRODUCTION, SESSION_SECRET: 'x'.repeat(31) }, 'SESSION_SECRET');
  });

  it('refuses production without BASE_URL', () => {
    const { BASE_URL: _, ...withoutBase } = PRODUCTION;
    refuses(withoutBase, 'BASE_URL');
  });

  it('uses a development secret outside production only', () => {
    const c = loadConfig({ NODE_ENV: 'development' });
    assert.ok(c.sessionSecret.length >= 32);
    assert.equal(c.secureCookies, false);
  });

  it('refuses a PORT that is not a whole number from 0 to 65535, showing the value', () => {
    // Number() would read ' ' as 0 (a random port), '1e3' as 1000 and '0x50' as 80.
    for (const bad of ['abc', '-1', '65536', '80.5', '3000x', ' ', '1e3', '0x50']) {
      const err = refuses({ NODE_ENV: 'test', PORT: bad }, 'PORT');
      assert.ok(err.message.includes(`"${bad}"`), err.message);
    }
    assert.equal(loadConfig({ NODE_ENV: 'test', PORT: '8080' }).port, 8080);
    assert.equal(loadConfig({ NODE_ENV: 'test', PORT: '' }).port, 3000);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    for (const bad of [
      'mysql://root@localhost/asbhub',
      'sqlite:///tmp/x.db',
      '127.0.0.1:5432',
      'postgres:/missing-slash',
    ]) {
      refuses({ NODE_ENV: 'test', DATABASE_URL: bad }, 'DATABASE_URL');
    }
    assert.equal(
      loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgresql://u@h/db' }).databaseUrl,
      'postgresql://u@h/db',
    );
    assert.equal(loadConfig({ NODE_ENV: 'test', DATABASE_URL: '' }).databaseUrl, null);
  });

  it('refuses an unknown LOG_LEVEL, listing the levels', () => {
    const err = refuses({ NODE_ENV: 'test', LOG_LEVEL: 'verbose' }, 'LOG_LEVEL');
    assert.match(err.message, /debug/);
    assert.equal(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel, 'debug');
    assert.equal(loadConfig({ NODE_ENV: 'test' }).logLevel, 'silent');
  });

  it('refuses an unknown NODE_ENV and a BASE_URL that is not a URL', () => {
    refuses({ NODE_ENV: 'staging' }, 'NODE_ENV');
    refuses({ NODE_ENV: 'test', BASE_URL: 'asbhub.example.gov.uk' }, 'BASE_URL');
  });

  it('refuses OIDC_ISSUER without the client id and secret', () => {
    refuses({ NODE_ENV: 'test', OIDC_ISSUER: 'https://login.example.gov.uk' }, 'OIDC_CLIENT_ID');
    refuses(
      { NODE_ENV: 'test', OIDC_ISSUER: 'https://login.example.gov.uk', OIDC_CLIENT_ID: 'asbhub' },
      'OIDC_CLIENT_SECRET',
    );
    const c = loadConfig({
      NODE_ENV: 'test',
      OIDC_ISSUER: 'https://login.example.gov.uk',
      OIDC_CLIENT_ID: 'a',
      OIDC_CLIENT_SECRET: 's',
    });
    assert.deepEqual(c.oidc, { issuer: 'https://login.example.gov.uk', clientId: 'a', clientSecret: 's' });
  });

  it('derives file locations from DATA_DIR and strips a trailing slash from BASE_URL', () => {
    const c = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: 'some/where',
      BASE_URL: 'https://hub.example.gov.uk/',
    });
    assert.equal(c.sqliteFile, path.resolve('some/where/asbhub.sqlite'));
    assert.equal(c.uploadDir, path.resolve('some/where/uploads'));
    assert.equal(c.baseUrl, 'https://hub.example.gov.uk');
  });
});
