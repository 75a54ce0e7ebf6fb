import { css } from 'lit';

/**
 * The usage chart: the filters' row, the SVG (colours through tokens, so light and dark follow the
 * page), the tooltip over a point, and the table alternative.
 */
export const usageChartStyles = css`
  :host {
    --_bar: var(--acct-usage-chart-bar, var(--_accent));
    --_bar-active: var(--acct-usage-chart-bar-active, light-dark(#0f2f8a, #c7d6ff));
    --_grid: var(--acct-usage-chart-grid, var(--_border));
    --_axis-text: var(--acct-usage-chart-axis-text, var(--_muted));
    --_tooltip-bg: var(--acct-usage-chart-tooltip-background, var(--_text));
    --_tooltip-text: var(--acct-usage-chart-tooltip-text, var(--_surface));
    container-type: inline-size;
  }
  [part='base'] {
    display: grid;
    gap: var(--_space-m);
    min-width: 0;
  }
  p {
    margin: 0;
  }
  .heading {
    font-size: 1.125em;
    font-weight: 600;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space-s) var(--_space-m);
  }
  .control {
    display: grid;
    gap: var(--_space-xs);
    font-size: var(--_font-size-s);
  }
  select {
    min-height: 2.25rem;
    padding: 0 var(--_space-s);
    border: 1px solid var(--acct-color-input-border, light-dark(#6e7781, #8b949e));
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .plot {
    position: relative;
    min-width: 0;
  }
  .chart {
    display: block;
    max-width: 100%;
    overflow: visible;
    font-size: 0.75rem;
  }
  .grid-line {
    stroke: var(--_grid);
    stroke-width: 1;
  }
  .axis {
    stroke: var(--_axis-text);
    stroke-width: 1;
  }
  .tick,
  .x-label {
    fill: var(--_axis-text);
  }
  .tick {
    unicode-bidi: isolate;
  }
  .point {
    outline: none;
    cursor: default;
  }
  .point .hit {
    fill: transparent;
  }
  .point .bar {
    fill: var(--_bar);
  }
  .point.shown .bar,
  .point:hover .bar {
    fill: var(--_bar-active);
  }
  .point:focus-visible .hit {
    stroke: var(--_focus);
    stroke-width: 2;
  }
  .tooltip {
    position: absolute;
    transform: translate(-50%, -100%);
    display: grid;
    gap: 0.125rem;
    padding: var(--_space-xs) var(--_space-s);
    border-radius: var(--_radius);
    background: var(--_tooltip-bg);
    color: var(--_tooltip-text);
    font-size: var(--_font-size-s);
    white-space: nowrap;
    pointer-events: none;
  }
  .tooltip-amount {
    font-weight: 600;
  }
  .table {
    border-collapse: collapse;
    width: 100%;
  }
  .table caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: var(--_space-s);
  }
  .table th,
  .table td {
    padding: var(--_space-xs) var(--_space-s);
    border-block-end: 1px solid var(--_border);
    text-align: start;
    font-weight: normal;
  }
  .table thead th {
    font-weight: 600;
  }
  .table .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .skeleton-chart {
    display: block;
    height: 240px;
  }
`;
