import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { UsageInterval } from '../../api/usage-vocabulary.js';
import type { UsagePoint } from '../../api/schemas/usage.js';
import { cssomStyle } from '../../core/cssom-style.js';
import { parseCalendarDate } from '../../core/dates.js';

/**
 * The usage chart's drawing: hand-written SVG bars, the axes and their labels, the tooltip, the
 * keyboard moves and the data-table alternative. A chunk of its own (usage-chart-loader.ts), loaded
 * when a chart first comes into view: the element's first file only has the states and the filters.
 */

/** What is drawn: one metric's buckets, oldest first. */
export interface ChartData {
  interval: UsageInterval;
  from: string;
  to: string;
  name: string;
  unit: string;
  points: readonly UsagePoint[];
}

/** Where the chart stands: its width, the roving tab stop, the point whose tooltip shows. */
export interface ChartView {
  locale: string;
  width: number;
  rtl: boolean;
  /** The point that has the tab stop (tabindex 0). */
  active: number;
  /** The point whose tooltip shows, or -1. */
  tooltip: number;
}

export interface ChartHandlers {
  onKeyDown(event: KeyboardEvent, index: number): void;
  onFocus(index: number): void;
  onFocusOut(event: FocusEvent): void;
  onPointerEnter(index: number): void;
  onPointerLeave(): void;
}

/** The chart's height in CSS pixels (the width follows the element's). */
export const CHART_HEIGHT = 240;
const TOP = 12;
const BOTTOM = 28;
const GAP = 8;
/** Rough width of one character of the axis labels (0.75em of a 16px font), for layout before anything is measured. */
const CHAR_WIDTH = 7;

// ---- numbers and dates ----

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, compact: boolean): Intl.NumberFormat {
  const key = `${locale}|${compact}`;
  let format = numberFormats.get(key);
  if (!format) {
    const options: Intl.NumberFormatOptions = compact ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: 2 };
    try {
      format = new Intl.NumberFormat(locale, options);
    } catch {
      format = new Intl.NumberFormat(undefined, options);
    }
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    } catch {
      format = new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' });
    }
    dateFormats.set(key, format);
  }
  return format;
}

/** A quantity with its unit, in full: "1,234 requests". */
export function quantityText(quantity: number, unit: string, locale: string): string {
  const value = numberFormat(locale, false).format(quantity);
  return unit ? msg(str`${value} ${unit}`) : value;
}

/** An axis tick: compact from 10,000 on ("12K requests"), with the unit after. */
export function tickText(value: number, max: number, unit: string, locale: string): string {
  const number = numberFormat(locale, max >= 10_000).format(value);
  return unit ? `${number} ${unit}` : number;
}

/** A bucket's start, in full: "12 March 2026", "Week of 9 March 2026", "March 2026". */
export function bucketText(start: string, interval: UsageInterval, locale: string): string {
  const date = parseCalendarDate(start);
  if (!date) return start;
  if (interval === 'month') return dateFormat(locale, { month: 'long', year: 'numeric' }).format(date);
  const day = dateFormat(locale, { dateStyle: 'long' }).format(date);
  return interval === 'week' ? msg(str`Week of ${day}`) : day;
}

/** A bucket's short axis label: "12 Mar" (days and weeks), "Mar 2026" (months). */
export function axisText(start: string, interval: UsageInterval, locale: string): string {
  const date = parseCalendarDate(start);
  if (!date) return start;
  return interval === 'month'
    ? dateFormat(locale, { month: 'short', year: 'numeric' }).format(date)
    : dateFormat(locale, { day: 'numeric', month: 'short' }).format(date);
}

/** What a point is called: "12 March 2026: 1,234 requests". */
export function pointName(point: UsagePoint, data: ChartData, locale: string): string {
  const when = bucketText(point.start, data.interval, locale);
  const amount = quantityText(point.quantity, data.unit, locale);
  return msg(str`${when}: ${amount}`);
}

// ---- geometry ----

/**
 * 4-6 round ticks from 0 to at least `max` (steps of 1, 2, 2.5 or 5 times a power of ten);
 * [0, 1] for a chart of zeros.
 */
export function niceTicks(max: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  for (const intervals of [5, 4, 3]) {
    const raw = max / intervals;
    const power = 10 ** Math.floor(Math.log10(raw));
    for (const factor of [1, 2, 2.5, 5, 10]) {
      const step = factor * power;
      const count = Math.ceil(max / step - 1e-9) + 1;
      if (count >= 4 && count <= 6) return Array.from({ length: count }, (_, i) => round(i * step));
    }
  }
  const step = max / 4;
  return Array.from({ length: 5 }, (_, i) => round(i * step));
}

/** Floating-point noise off (0.30000000000000004 → 0.3). */
const round = (value: number) => Number.parseFloat(value.toPrecision(12));

/** Every `k`-th axis label, with k the smallest that keeps labels of `labelWidth` apart on buckets of `bucketWidth`. */
export function labelStride(count: number, bucketWidth: number, labelWidth: number): number {
  if (count <= 1 || bucketWidth <= 0) return 1;
  return Math.max(1, Math.ceil((labelWidth + GAP) / bucketWidth));
}

export interface Layout {
  ticks: number[];
  top: number;
  /** Pixel positions of the plot area (physical, already mirrored in RTL). */
  plotStart: number;
  plotEnd: number;
  plotBottom: number;
  bucketWidth: number;
  barWidth: number;
  /** The left edge of bucket `i` (physical pixels). */
  bucketX(i: number): number;
  valueY(value: number): number;
  tickLabels: string[];
  /** The x axis label width estimate and the stride between shown labels. */
  stride: number;
}

/** Where everything goes for this data and width. */
export function layout(data: ChartData, view: Pick<ChartView, 'width' | 'rtl' | 'locale'>): Layout {
  const max = Math.max(0, ...data.points.map((p) => p.quantity));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1];
  const tickLabels = ticks.map((t) => tickText(t, top, data.unit, view.locale));
  const axisWidth = Math.max(...tickLabels.map((t) => t.length)) * CHAR_WIDTH + GAP * 2;
  const width = Math.max(view.width, axisWidth + 40);
  const plotWidth = width - axisWidth - GAP;
  const count = Math.max(1, data.points.length);
  const bucketWidth = plotWidth / count;
  const barWidth = Math.max(1, Math.min(48, bucketWidth * 0.7));
  const plotStart = view.rtl ? GAP : axisWidth;
  const plotBottom = CHART_HEIGHT - BOTTOM;
  const labelWidth = Math.max(0, ...data.points.map((p) => axisText(p.start, data.interval, view.locale).length)) * CHAR_WIDTH;
  return {
    ticks,
    top,
    plotStart,
    plotEnd: plotStart + plotWidth,
    plotBottom,
    bucketWidth,
    barWidth,
    // Time runs from the start side: left to right, or mirrored right to left.
    bucketX: (i) => (view.rtl ? plotStart + plotWidth - (i + 1) * bucketWidth : plotStart + i * bucketWidth),
    valueY: (value) => plotBottom - (top > 0 ? (value / top) * (plotBottom - TOP) : 0),
    tickLabels,
    stride: labelStride(count, bucketWidth, labelWidth),
  };
}

// ---- keyboard ----

/** The point a key moves to (ArrowLeft/Right mirrored in RTL, Home, End), or undefined for other keys. */
export function keyTarget(key: string, index: number, count: number, rtl: boolean): number | undefined {
  const last = count - 1;
  switch (key) {
    case 'ArrowRight':
      return Math.max(0, Math.min(last, index + (rtl ? -1 : 1)));
    case 'ArrowLeft':
      return Math.max(0, Math.min(last, index + (rtl ? 1 : -1)));
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}

// ---- render ----

/** The chart: the group of focusable bars over the axes, and the tooltip of one point. @parts chart bar tooltip */
export function renderChart(data: ChartData, view: ChartView, handlers: ChartHandlers): TemplateResult {
  const { locale, width } = view;
  const geometry = layout(data, view);
  const svgWidth = Math.max(width, 1);
  const total = data.points.reduce((sum, p) => sum + p.quantity, 0);
  const label = chartLabel(data, locale, quantityText(total, data.unit, locale));
  const axisX = view.rtl ? geometry.plotEnd : geometry.plotStart;
  const tipIndex = view.tooltip >= 0 && view.tooltip < data.points.length ? view.tooltip : -1;
  return html`<div class="plot">
    <svg part="chart" class="chart" role="group" tabindex="-1" aria-label=${label} width=${svgWidth} height=${CHART_HEIGHT} viewBox="0 0 ${svgWidth} ${CHART_HEIGHT}" @focusout=${handlers.onFocusOut}>
      <g class="grid" aria-hidden="true">
        ${geometry.ticks.map((tick, i) => {
          const y = geometry.valueY(tick);
          // In the page's direction ("10 ألف" reads right to left), isolated (CSS); digits stay left to right by the bidi rules.
          return svg`<line class="grid-line" x1=${geometry.plotStart} x2=${geometry.plotEnd} y1=${y} y2=${y}></line>
            <text class="tick" direction=${view.rtl ? 'rtl' : 'ltr'} x=${view.rtl ? axisX + GAP : axisX - GAP} y=${y} dy="0.32em" text-anchor="end">${geometry.tickLabels[i]}</text>`;
        })}
        <line class="axis" x1=${geometry.plotStart} x2=${geometry.plotEnd} y1=${geometry.plotBottom} y2=${geometry.plotBottom}></line>
        ${data.points.map((point, i) => (i % geometry.stride === 0 ? xLabel(point, i, data, geometry, svgWidth, locale) : nothing))}
      </g>
      <g class="points">${data.points.map((point, i) => bar(point, i, data, view, geometry, handlers))}</g>
    </svg>
    ${tipIndex >= 0 ? tooltip(data.points[tipIndex], tipIndex, data, geometry, svgWidth, locale) : nothing}
  </div>`;
}

function chartLabel(data: ChartData, locale: string, total: string): string {
  const from = bucketText(data.from, 'day', locale);
  const to = bucketText(data.to, 'day', locale);
  const name = data.name;
  if (data.interval === 'month') return msg(str`${name} per month, ${from} to ${to}: ${total} in all`);
  if (data.interval === 'week') return msg(str`${name} per week, ${from} to ${to}: ${total} in all`);
  return msg(str`${name} per day, ${from} to ${to}: ${total} in all`);
}

function xLabel(point: UsagePoint, i: number, data: ChartData, geometry: Layout, width: number, locale: string): SVGTemplateResult {
  const text = axisText(point.start, data.interval, locale);
  const half = (text.length * CHAR_WIDTH) / 2;
  const center = geometry.bucketX(i) + geometry.bucketWidth / 2;
  const x = Math.min(Math.max(center, half), width - half);
  return svg`<text class="x-label" x=${x} y=${geometry.plotBottom + 18} text-anchor="middle">${text}</text>`;
}

function bar(point: UsagePoint, i: number, data: ChartData, view: ChartView, geometry: Layout, handlers: ChartHandlers): SVGTemplateResult {
  const x = geometry.bucketX(i);
  const y = geometry.valueY(Math.max(0, point.quantity));
  const height = Math.max(0, geometry.plotBottom - y);
  const barX = x + (geometry.bucketWidth - geometry.barWidth) / 2;
  return svg`<g part="bar" class="point ${view.tooltip === i ? 'shown' : ''}" role="img" data-index=${i} data-start=${point.start}
      aria-label=${pointName(point, data, view.locale)} tabindex=${i === view.active ? '0' : '-1'}
      @keydown=${(event: KeyboardEvent) => handlers.onKeyDown(event, i)} @focus=${() => handlers.onFocus(i)}
      @pointerenter=${() => handlers.onPointerEnter(i)} @pointerleave=${handlers.onPointerLeave}>
    <rect class="hit" x=${x} y=${TOP} width=${Math.max(1, geometry.bucketWidth)} height=${geometry.plotBottom - TOP}></rect>
    <rect class="bar" x=${barX} y=${height > 0 ? y : geometry.plotBottom - 1} width=${geometry.barWidth} height=${Math.max(1, height)}></rect>
  </g>`;
}

/** The tooltip over a point, placed through the CSSOM (strict CSP: no `style` attribute). */
function tooltip(point: UsagePoint, i: number, data: ChartData, geometry: Layout, width: number, locale: string): TemplateResult {
  const center = geometry.bucketX(i) + geometry.bucketWidth / 2;
  const x = Math.min(Math.max(center, 80), Math.max(80, width - 80));
  const y = Math.max(geometry.valueY(Math.max(0, point.quantity)) - 6, 52);
  return html`<div part="tooltip" class="tooltip" aria-hidden="true" ${cssomStyle({ left: `${x}px`, top: `${y}px` })}>
    <span class="tooltip-when">${bucketText(point.start, data.interval, locale)}</span>
    <bdi class="tooltip-amount">${quantityText(point.quantity, data.unit, locale)}</bdi>
  </div>`;
}

/** The data-table alternative: the same points as rows. @parts table */
export function renderTable(data: ChartData, locale: string, caption: string): TemplateResult {
  return html`<table part="table" class="table">
    <caption>${caption}</caption>
    <thead>
      <tr>
        <th scope="col">${data.interval === 'month' ? msg('Month') : data.interval === 'week' ? msg('Week') : msg('Day')}</th>
        <th scope="col" class="num">${data.unit ? msg(str`Quantity (${data.unit})`) : msg('Quantity')}</th>
      </tr>
    </thead>
    <tbody>
      ${data.points.map(
        (point) => html`<tr>
          <th scope="row">${bucketText(point.start, data.interval, locale)}</th>
          <td class="num"><bdi>${numberFormat(locale, false).format(point.quantity)}</bdi></td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
