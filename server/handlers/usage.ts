import type { linkOperations } from '../../src/api/operations/links.js';
import type { usageOperations } from '../../src/api/operations/usage.js';
import { exportColumns, usageExportFilename, USAGE_EXPORT_CONTENT_TYPES, USAGE_EXPORT_TTL_SECONDS } from '../../src/api/usage-export.js';
import { HttpProblem } from '../problem.js';
import type { Handlers } from '../routes.js';
import { signPath } from '../signed-url.js';
import { csvExportStream, listUsage, usageCatalogue, usageSeries, xlsxExportStream } from '../usage.js';
import type { HandlerContext } from './context.js';

/** Usage (issue 11): the catalogue, the records, the chart's sums, and the signed, streamed export. */
export function usageHandlers({ db, secret, publicOrigin }: HandlerContext): Handlers<typeof usageOperations & Pick<typeof linkOperations, 'getUsageExport'>> {
  return {
    getUsageCatalogue: ({ claims }) => usageCatalogue(db, claims.account_id),

    listUsage: ({ claims, query }) => listUsage(db, secret, claims.account_id, query),

    getUsageSeries: ({ claims, query }) => usageSeries(db, claims.account_id, query, new Date().toISOString().slice(0, 10)),

    async createUsageExport({ claims, body }) {
      const catalogue = await usageCatalogue(db, claims.account_id);
      if (body.metric !== undefined && !catalogue.metrics.some((m) => m.id === body.metric)) {
        throw new HttpProblem(422, 'unknown_metric', `This account has no metric ${body.metric}.`, [{ field: 'metric', message: 'unknown metric', code: 'unknown_metric' }]);
      }
      const columns = exportColumns(catalogue.columns, body.columns);
      if ('unknown' in columns) {
        throw new HttpProblem(422, 'unknown_column', `There is no column ${columns.unknown}.`, [{ field: 'columns', message: `unknown column ${columns.unknown}`, code: 'unknown_column' }]);
      }
      const query = new URLSearchParams({ account: claims.account_id, format: body.format });
      for (const name of ['from', 'to', 'metric', 'invoiced', 'q'] as const) if (body[name] !== undefined) query.set(name, body[name]);
      if (body.columns) query.set('columns', body.columns.join(','));
      const expiresAt = Date.now() + USAGE_EXPORT_TTL_SECONDS * 1000;
      return {
        url: publicOrigin() + signPath(`/api/usage/export?${query.toString()}`, secret, expiresAt),
        expires_at: new Date(Math.floor(expiresAt / 1000) * 1000).toISOString(),
        filename: usageExportFilename(body.from ?? catalogue.first_on, body.to ?? catalogue.last_on, body.format),
      };
    },

    // The route layer has checked the signature: the account, format, filters and columns are the ones signed.
    async getUsageExport({ c, query }) {
      const format = query.format ?? 'csv';
      const account = query.account ?? '';
      const catalogue = await usageCatalogue(db, account);
      const columns = exportColumns(catalogue.columns, query.columns?.split(','));
      if ('unknown' in columns) throw new HttpProblem(422, 'unknown_column', `There is no column ${columns.unknown}.`);
      const filename = usageExportFilename(query.from ?? catalogue.first_on, query.to ?? catalogue.last_on, format);
      const stream = (format === 'xlsx' ? xlsxExportStream : csvExportStream)(db, account, query, columns, catalogue.metrics);
      // Through the context (not a new Response), so the Request-Id and CORS headers set on it go out too.
      return c.body(stream, 200, {
        'Content-Type': USAGE_EXPORT_CONTENT_TYPES[format],
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'private, no-store',
      });
    },
  };
}
