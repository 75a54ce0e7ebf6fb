/**
 * npm run bench:usage-export: the usage export (issue 11) of the large demo account over real HTTP
 * from a reference server on PGlite in this process, as CSV and as XLSX, at about 25,000 and at
 * 100,000 records (every column): time, bytes, and the server's memory before and at the peak while
 * streaming — RSS and heap sampled every 10 ms (the heap with its garbage, as the collector lets it
 * grow), and the live heap (after a forced collection, every 250 ms: what the export really holds).
 * The client counts the bytes as they arrive and keeps none, so the growth is the server's.
 * Loopback only; it stops by itself.
 */
import { startServer } from '../server/index.js';
import { SEED_DATE } from '../server/seed.js';

const MiB = 1024 * 1024;
const mib = (bytes: number) => (bytes / MiB).toFixed(1);
const gc = globalThis.gc;
if (!gc) console.warn('run with --expose-gc (npm run bench:usage-export does) for the live heap');

const server = await startServer({ port: 0, today: SEED_DATE, largeUsage: true, demoTokens: true, rateLimits: false, secret: 'bench' });
try {
  const tokenRes = await fetch(`${server.url}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ account: 'large' }) });
  const { token } = (await tokenRes.json()) as { token: string };
  const auth = { Authorization: `Bearer ${token}` };
  const runs: Array<{ label: string; body: { format: 'csv' | 'xlsx'; from?: string } }> = [];
  for (const format of ['csv', 'xlsx'] as const) {
    runs.push({ label: `${format.toUpperCase()} ~25k rows`, body: { format, from: '2025-07-01' } });
    runs.push({ label: `${format.toUpperCase()} 100k rows`, body: { format } });
    runs.push({ label: `${format.toUpperCase()} 100k rows again`, body: { format } });
  }
  console.log(`load average before: ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const { label, body } of runs) {
    const count = await fetch(`${server.url}/api/usage?limit=1${body.from ? `&from=${body.from}` : ''}`, { headers: auth });
    const { total_count: rows } = (await count.json()) as { total_count: number };
    const linkRes = await fetch(`${server.url}/api/usage/exports`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const { url } = (await linkRes.json()) as { url: string };
    gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    let peakLive = before.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 10);
    const collector = gc
      ? setInterval(() => {
          gc();
          peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
        }, 250)
      : undefined;
    const started = performance.now();
    const res = await fetch(url);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      if (body.format === 'csv') for (const b of chunk) if (b === 10) lines++;
    }
    const ms = performance.now() - started;
    clearInterval(sampler);
    clearInterval(collector);
    if (res.status !== 200) throw new Error(`${label}: ${res.status}`);
    if (body.format === 'csv' && lines - 1 !== rows) throw new Error(`${label}: ${lines - 1} CSV rows, ${rows} records`);
    console.log(
      `${label}: ${rows} rows, ${mib(bytes)} MiB in ${ms.toFixed(0)} ms; ` +
        `RSS ${(before.rss / MiB).toFixed(0)} → peak ${(peakRss / MiB).toFixed(0)} MiB (+${mib(peakRss - before.rss)}), ` +
        `heap ${(before.heapUsed / MiB).toFixed(0)} → peak ${(peakHeap / MiB).toFixed(0)} MiB (+${mib(peakHeap - before.heapUsed)})` +
        (gc ? `, live heap +${mib(peakLive - before.heapUsed)} MiB` : ''),
    );
  }
} finally {
  await server.close();
}
