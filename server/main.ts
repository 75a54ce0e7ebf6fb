// The reference server's command line: `node --import tsx server/main.ts`.
// Environment: PORT (default 8787; 0 = a free port), HOST (127.0.0.1), DATABASE_URL (PostgreSQL;
// else embedded PGlite), DATA_DIR (PGlite data directory; else in memory), CORS_ORIGINS
// (comma-separated), SECRET (signing key; random per start), STATIC_DIR (served at /), LOG=1.
import { startServer } from './index.js';

const env = process.env;
const server = await startServer({
  port: env.PORT === undefined || env.PORT === '' ? 8787 : Number(env.PORT),
  host: env.HOST || '127.0.0.1',
  databaseUrl: env.DATABASE_URL || undefined,
  dataDir: env.DATA_DIR || undefined,
  secret: env.SECRET || undefined,
  corsOrigins: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : [],
  staticDir: env.STATIC_DIR || undefined,
  log: env.LOG === '1',
});
console.log(`Account Elements reference server: ${server.url}`);
const stop = () => void server.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
