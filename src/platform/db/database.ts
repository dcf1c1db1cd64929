import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** The SQLite connection, for online backup; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
}

// PostgreSQL returns COUNT(*) and BIGINT as strings; ASB Hub's counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/**
 * Transactions take SQLite's write lock when they begin. With the default deferred BEGIN, two processes
 * (the server and a command) that both read then write can deadlock, and busy_timeout cannot help.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

export interface OpenOptions {
  databaseUrl: string | null;
  sqliteFile: string;
  /** PostgreSQL schema to use (tests get one each). */
  pgSchema?: string;
}

export function openDatabase(opts: OpenOptions): DatabaseHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      connectionTimeoutMillis: 5000,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    // An idle client losing its connection must not crash the process; /ready reports it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', sqlite: null, close: () => db.destroy() };
  }
  if (opts.sqliteFile !== ':memory:') {
    fs.mkdirSync(path.dirname(opts.sqliteFile), { recursive: true, mode: 0o700 });
    // Made 0600 before SQLite opens it: SQLite gives the -wal and -shm files the database file's mode.
    fs.closeSync(fs.openSync(opts.sqliteFile, 'a', 0o600));
  }
  const sqlite = new SQLite(opts.sqliteFile);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query again on every call; compiling the same SQL text over and over costs
 * more than running it for the small inserts of a report. This keeps the most recent prepared
 * statements by SQL text. A statement still being iterated (`busy`) is not handed out twice.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDialectConfig['database'] {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (text: string) => {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        cache.delete(text); // most recently used last
        cache.set(text, hit);
        return hit;
      }
      const statement = sqlite.prepare(text);
      if (!hit) {
        cache.set(text, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

export async function isReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
