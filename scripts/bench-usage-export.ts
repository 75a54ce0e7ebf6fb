/**
 * npm run bench:usage-export: the usage export (issue 11) of the large demo account over real HTTP
 * from a reference server on PGlite in this process, at about 25,000 and at 100,000 records: time,
 * bytes, and the server's memory (RSS and heap) before and at the peak while streaming, sampled
 * every 10 ms. The client counts the bytes as they arrive and keeps none, so the growth is the
 * server's. CSV only (XLSX is not written yet). Loopback only; it stops by itself.
 */
import { startServer } from '../server/index.js';
import { SEED_DATE } from '../server/seed.js';

const MiB = 1024 * 1024;
const server = await startServer({ port: 0, today: SEED_DATE, largeUsage: true, demoTokens: true, rateLimits: false, secret: 'bench' });
try {
  const tokenRes = await fetch(`${server.url}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ account: 'large' }) });
  const { token } = (await tokenRes.json()) as { token: string };
  const runs: Array<{ label: string; body: Record<string, unknown> }> = [
    { label: '~25k rows', body: { format: 'csv', from: '2025-07-01' } },
    { label: '100k rows', body: { format: 'csv' } },
    { label: '100k rows again', body: { format: 'csv' } },
  ];
  for (const { label, body } of runs) {
    const linkRes = await fetch(`${server.url}/api/usage/exports`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const { url } = (await linkRes.json()) as { url: string };
    globalThis.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 10);
    const started = performance.now();
    const res = await fetch(url);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const b of chunk) if (b === 10) lines++;
    }
    const ms = performance.now() - started;
    clearInterval(sampler);
    console.log(
      `${label}: ${lines - 1} rows, ${(bytes / MiB).toFixed(1)} MiB in ${ms.toFixed(0)} ms; ` +
        `RSS ${(before.rss / MiB).toFixed(0)} → peak ${(peakRss / MiB).toFixed(0)} MiB (+${((peakRss - before.rss) / MiB).toFixed(1)}), ` +
        `heap ${(before.heapUsed / MiB).toFixed(0)} → peak ${(peakHeap / MiB).toFixed(0)} MiB (+${((peakHeap - before.heapUsed) / MiB).toFixed(1)})`,
    );
  }
} finally {
  await server.close();
}
