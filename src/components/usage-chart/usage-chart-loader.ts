import type * as UsageChartDraw from './usage-chart-draw.js';

export type UsageChartDrawModule = typeof UsageChartDraw;

/**
 * Loads the chart's drawing (SVG, axes, tooltip, keyboard, the table alternative), its own chunk,
 * when a chart first comes into view: a usage page scrolled past the chart never downloads it. An
 * object, so that tests can count, hold back or fail the load; `loaded` lets every chart of the
 * page share one load.
 */
export const usageChartLoader: { loaded?: UsageChartDrawModule; load(): Promise<UsageChartDrawModule> } = {
  loaded: undefined,
  load: () => import('./usage-chart-draw.js').then((module) => (usageChartLoader.loaded = module)),
};
