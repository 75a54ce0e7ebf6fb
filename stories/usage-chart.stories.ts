import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiError } from '../src/api/errors.js';
import type { UsageInterval } from '../src/api/usage-vocabulary.js';
import '../src/components/usage-chart/acct-usage-chart.js';
import { fakeUsageApi, USAGE_METRICS, type FakeUsageOptions } from './usage-stories-helpers.js';

interface UsageChartArgs {
  locale?: string;
  from?: string;
  to?: string;
  metric?: string;
  interval?: UsageInterval;
}

function usageChart(args: UsageChartArgs, options: FakeUsageOptions = {}): TemplateResult {
  return html`<acct-usage-chart
    locale=${ifDefined(args.locale)}
    from=${ifDefined(args.from)}
    to=${ifDefined(args.to)}
    metric=${ifDefined(args.metric)}
    interval=${ifDefined(args.interval)}
    .api=${fakeUsageApi(options)}
  ></acct-usage-chart>`;
}

/** Waits until the chart has drawn its bars (its drawing code is a chunk of its own). */
async function drawn(canvasElement: HTMLElement): Promise<HTMLElement> {
  const el = canvasElement.querySelector('acct-usage-chart')!;
  const started = performance.now();
  while (!el.shadowRoot?.querySelector('[part~="bar"]') && !el.shadowRoot?.querySelector('[part~="table"]')) {
    if (performance.now() - started > 5000) throw new Error('the chart did not draw');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return el;
}

/**
 * Usage of one metric over time, per day, week or month, as an SVG bar chart with a tooltip per
 * bar, one tab stop (arrow keys between bars) and a table alternative. The stories' data comes
 * from a small stand-in API (stories/usage-stories-helpers.ts): the same figures every time.
 */
const meta = {
  title: 'Usage/Usage chart',
  component: 'acct-usage-chart',
  args: { from: '2026-03-01', to: '2026-03-31' },
  argTypes: {
    locale: { control: 'text' },
    from: { control: 'text' },
    to: { control: 'text' },
    metric: { control: 'select', options: [undefined, ...USAGE_METRICS.map((m) => m.id)] },
    interval: { control: 'inline-radio', options: [undefined, 'day', 'week', 'month'] },
  },
  render: (args) => usageChart(args),
} satisfies Meta<UsageChartArgs>;
export default meta;

type Story = StoryObj<UsageChartArgs>;

/** A month per day (31 days: the interval chosen is `day`), three metrics: a metric picker. */
export const PerDay: Story = {};

/** A quarter: 90 days, drawn per week. */
export const PerWeek: Story = {
  args: { from: '2026-01-01', to: '2026-03-31' },
};

/** Two years, drawn per month. */
export const PerMonth: Story = {
  args: { from: '2025-01-01', to: '2026-12-31' },
};

/** An account with one metric: no metric picker. */
export const OneMetric: Story = {
  render: (args) => usageChart(args, { metrics: [USAGE_METRICS[1]] }),
};

/** Large numbers: compact y-axis ticks (12K requests), full figures in the names, tooltip and table. */
export const LargeNumbers: Story = {
  render: (args) => usageChart(args, { scale: 1000 }),
};

/** A bar has focus: its tooltip shows. */
export const Tooltip: Story = {
  play: async ({ canvasElement }) => {
    const el = await drawn(canvasElement);
    el.shadowRoot!.querySelector<SVGElement>('[part~="bar"][data-index="20"]')!.focus();
  },
};

/** "Show as table": the same points as a data table. */
export const Table: Story = {
  args: { from: '2026-03-01', to: '2026-03-14' },
  play: async ({ canvasElement }) => {
    const el = await drawn(canvasElement);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="table-toggle"]')!.click();
  },
};

/** No usage in the period: the filters stay, so another period or metric can be chosen. */
export const Empty: Story = {
  render: (args) => usageChart(args, { empty: true }),
};

/** An account without metered usage. */
export const NoMetrics: Story = {
  render: (args) => usageChart(args, { metrics: [], firstOn: null, lastOn: null }),
};

/** Loading: the usage has not arrived. */
export const Loading: Story = {
  render: (args) => usageChart(args, { never: true }),
  parameters: { test: { stillLoading: true } },
};

/** The usage could not be loaded: the error with Retry (which answers the second time). */
export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) => usageChart(args, { seriesErrors: [new ApiError('network', 'Failed to fetch'), undefined] }),
};

/** Arabic, right to left: time runs from the right, the y axis is on the right, figures stay left to right. */
export const RightToLeft: Story = {
  render: (args) => html`<div dir="rtl" lang="ar">${usageChart({ locale: 'ar', ...args })}</div>`,
};

/** A dark page: the chart's colours follow `color-scheme`. */
export const Dark: Story = {
  render: (args) => html`<div style="color-scheme: dark; background: Canvas; color: CanvasText; padding: 1rem">${usageChart(args)}</div>`,
};
