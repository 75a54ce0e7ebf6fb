import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { migrate, openPglite, openPostgres } from './db.js';
import { seed } from './seed.js';

export interface ServerOptions {
  /** 0 = a free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A PostgreSQL connection string; otherwise embedded PGlite (in memory, or in `dataDir`). */
  databaseUrl?: string;
  dataDir?: string;
  /** Signs tokens, cursors and PDF links; random per start when absent (tokens die with the process). */
  secret?: string;
  /** Origins allowed to call the API from a browser (CORS). */
  corsOrigins?: string[];
  /** Served at `/` when set (the demo page and the built elements). */
  staticDir?: string;
  /** One access-log line per request on stdout. */
  log?: boolean;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Opens the database, migrates, seeds the demo accounts when empty, and listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
  try {
    await migrate(db);
    // Fresh bulk-loaded tables: vacuum for index-only counts and real planner statistics (78 ms).
    if (await seed(db)) await db.query('VACUUM ANALYZE invoices');
  } catch (error) {
    await db.close();
    throw error;
  }
  const app = createApp({
    db,
    secret: options.secret ?? randomBytes(32).toString('base64url'),
    corsOrigins: options.corsOrigins,
    staticDir: options.staticDir,
    log: options.log,
  });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }).then(() => db.close());
      return closing;
    },
  };
}
