/**
 * Small time-series line charts drawn as inline SVG (no library, works offline and under the page's CSP: colours
 * come from CSS classes `series-N`). Each point carries a native tooltip with its time, series and value.
 */
import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 560;
const DEFAULT_HEIGHT = 200;
const PAD = { top: 12, right: 14, bottom: 26, left: 64 };
export const SERIES_COLORS = 8;

/**
 * A line chart.
 * @param title heading above the chart
 * @param series `[{name, colorIndex, points: [{t: epochMillis, v: number|null}]}]`; null values break the line
 * @param from, to the time axis, epoch milliseconds
 * @param format formats a value for the axis and the tooltips
 * @param testId `data-testid` of the figure
 * @param thresholds horizontal lines `[{v, label, kind: 'critical'|'warn'}]` (kept in the value axis)
 * @param bands shaded time spans `[{from, to, label}]` (epoch millis; e.g. when an alert would have fired)
 * @param markers vertical lines `[{t, label, kind: 'swap'|'alert'}]`, each with a tooltip
 * @param height drawing height in SVG units (default 200)
 */
export function lineChart({ title, series, from, to, format, testId, thresholds = [], bands = [], markers = [], height = DEFAULT_HEIGHT }) {
  const HEIGHT = height;
  const values = series.flatMap((line) => line.points.map((point) => point.v)).filter((v) => v != null);
  const top = axisTop(Math.max(0, ...values, ...thresholds.map((line) => line.v).filter((v) => v != null)), format);
  const x = (t) => PAD.left + ((t - from) / Math.max(1, to - from)) * (WIDTH - PAD.left - PAD.right);
  const y = (v) => HEIGHT - PAD.bottom - (v / top) * (HEIGHT - PAD.top - PAD.bottom);

  const svg = svgElement('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart-svg', role: 'img', 'aria-label': title,
    preserveAspectRatio: 'none',
  });
  for (let index = 0; index <= 4; index += 1) {
    const value = (top / 4) * index;
    svg.append(svgElement('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value), class: 'chart-grid' }));
    svg.append(svgText(format(value), { x: PAD.left - 6, y: y(value) + 4, class: 'chart-axis', 'text-anchor': 'end' }));
  }
  for (const t of timeTicks(from, to)) {
    svg.append(svgText(timeLabel(t, to - from), { x: x(t), y: HEIGHT - 8, class: 'chart-axis', 'text-anchor': 'middle' }));
  }
  for (const band of bands) {
    const left = Math.max(x(band.from), PAD.left);
    const right = Math.min(x(band.to ?? to), WIDTH - PAD.right);
    if (right < left) continue;
    const rect = svgElement('rect', {
      x: left, y: PAD.top, width: Math.max(right - left, 2), height: HEIGHT - PAD.top - PAD.bottom, class: 'chart-band',
    });
    rect.append(svgElement('title', {}, band.label));
    svg.append(rect);
  }
  for (const line of thresholds) {
    if (line.v == null) continue;
    const mark = svgElement('g', { class: `chart-threshold threshold-${line.kind ?? 'critical'}` });
    mark.append(svgElement('title', {}, `${line.label}: ${format(line.v)}`));
    mark.append(svgElement('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(line.v), y2: y(line.v) }));
    mark.append(svgText(line.label, { x: PAD.left + 4, y: y(line.v) - 3, 'text-anchor': 'start' }));
    svg.append(mark);
  }
  for (const line of series) {
    const colour = `series-${line.colorIndex % SERIES_COLORS}`;
    for (const segment of segments(line.points)) {
      svg.append(svgElement('polyline', {
        points: segment.map((point) => `${x(point.t).toFixed(1)},${y(point.v).toFixed(1)}`).join(' '),
        class: ['chart-line', colour].join(' '),
      }));
    }
    for (const point of line.points) {
      if (point.v == null) continue;
      const dot = svgElement('circle', { cx: x(point.t), cy: y(point.v), r: 2.6, class: ['chart-dot', colour].join(' ') });
      dot.append(svgElement('title', {}, `${new Date(point.t).toLocaleString('en-US')} · ${line.name}: ${format(point.v)}`));
      svg.append(dot);
    }
  }
  for (const marker of markers) {
    if (marker.t < from || marker.t > to) continue;
    const mark = svgElement('g', { class: `chart-marker marker-${marker.kind}`, 'data-marker': marker.kind, tabindex: 0 });
    mark.append(svgElement('title', {}, `${new Date(marker.t).toLocaleString('en-US')} · ${marker.label}`));
    mark.append(svgElement('line', { x1: x(marker.t), x2: x(marker.t), y1: PAD.top, y2: HEIGHT - PAD.bottom, class: 'marker-hit' }));
    mark.append(svgElement('line', { x1: x(marker.t), x2: x(marker.t), y1: PAD.top, y2: HEIGHT - PAD.bottom, class: 'marker-line' }));
    mark.append(svgElement('path', {
      d: `M${x(marker.t) - 4},${PAD.top - 7} h8 l-4,6 z`, class: 'marker-head',
    }));
    svg.append(mark);
  }
  return h('figure', { class: 'chart', 'data-testid': testId },
    h('figcaption', { class: 'chart-title' }, title),
    values.length === 0 ? h('div', { class: 'chart-empty muted' }, 'No data in this range') : svg);
}

/**
 * A tiny chart of one metric against its threshold, for table rows: `points` `[{t, v}]`; crossing stretches are
 * shaded by `bands` `[{from, to}]`. Decorative for screen readers when `label` is empty.
 */
export function sparkline({ points, from, to, threshold, warnThreshold, bands = [], label, width = 160, height = 34 }) {
  const values = points.map((point) => point.v).filter((v) => v != null);
  const top = Math.max(...values, threshold ?? 0, warnThreshold ?? 0) * 1.1 || 1;
  const x = (t) => 1 + ((t - from) / Math.max(1, to - from)) * (width - 2);
  const y = (v) => height - 2 - (v / top) * (height - 4);
  const svg = svgElement('svg', {
    viewBox: `0 0 ${width} ${height}`, class: 'sparkline', width, height, role: 'img', 'aria-label': label,
    preserveAspectRatio: 'none',
  });
  for (const band of bands) {
    const left = Math.max(x(band.from), 0);
    const right = Math.min(x(band.to ?? to), width);
    if (right >= left) svg.append(svgElement('rect', { x: left, y: 0, width: Math.max(right - left, 1.5), height, class: 'spark-band' }));
  }
  if (warnThreshold != null) svg.append(svgElement('line', { x1: 0, x2: width, y1: y(warnThreshold), y2: y(warnThreshold), class: 'spark-threshold spark-warn' }));
  if (threshold != null) svg.append(svgElement('line', { x1: 0, x2: width, y1: y(threshold), y2: y(threshold), class: 'spark-threshold' }));
  for (const segment of segments(points)) {
    svg.append(svgElement('polyline', {
      points: segment.map((point) => `${x(point.t).toFixed(1)},${y(point.v).toFixed(1)}`).join(' '), class: 'spark-line',
    }));
    if (segment.length === 1) svg.append(svgElement('circle', { cx: x(segment[0].t), cy: y(segment[0].v), r: 1.5, class: 'spark-dot' }));
  }
  return svg;
}

/** Legend chips for the series of a set of charts. */
export function chartLegend(series, extras = []) {
  return h('ul', { class: 'chart-legend', 'aria-label': 'Series' },
    series.map((line) => h('li', null,
      h('span', { class: ['legend-swatch', `series-${line.colorIndex % SERIES_COLORS}`], 'aria-hidden': 'true' }),
      line.name)),
    extras.map((extra) => h('li', { class: 'legend-extra', dataset: { legend: extra.kind } },
      h('span', { class: ['legend-marker', `legend-${extra.kind}`], 'aria-hidden': 'true' }),
      extra.label)));
}

function segments(points) {
  const out = [];
  let current = [];
  for (const point of points) {
    if (point.v == null) {
      if (current.length) out.push(current);
      current = [];
    } else {
      current.push(point);
    }
  }
  if (current.length) out.push(current);
  return out;
}

/** Four grid steps of 1, 2 or 5 times a power of ten reaching at least the maximum (1 when everything is 0). */
/**
 * The top of the value axis (four equal steps). A format that rounds to whole numbers (counts) would label small
 * steps alike (0, 1, 1, 2, 2 for a peak of one call): then the steps are whole numbers.
 */
function axisTop(max, format) {
  const top = niceCeiling(max);
  const labels = [0, 1, 2, 3, 4].map((index) => format((top / 4) * index));
  return top < 4 && new Set(labels).size < labels.length ? 4 : top;
}

function niceCeiling(max) {
  if (!(max > 0)) return 1;
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough);
  return 4 * step;
}

/** About five ticks on round local times. */
export function timeTicks(from, to) {
  const span = to - from;
  const steps = [60_000, 5 * 60_000, 10 * 60_000, 15 * 60_000, 30 * 60_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000,
    12 * 3_600_000, 86_400_000, 2 * 86_400_000, 7 * 86_400_000];
  const step = steps.find((candidate) => span / candidate <= 6) ?? steps[steps.length - 1];
  const offset = new Date(from).getTimezoneOffset() * 60_000; // round on local time, as the labels are local
  const ticks = [];
  for (let t = Math.ceil((from - offset) / step) * step + offset; t <= to; t += step) ticks.push(t);
  return ticks;
}

export function timeLabel(t, span) {
  const date = new Date(t);
  const clock = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  if (span <= 36 * 3_600_000) return clock;
  return `${date.toLocaleString('en-US', { month: 'short' })} ${date.getDate()}${span <= 3 * 86_400_000 ? ` ${clock}` : ''}`;
}

export function svgElement(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text != null) element.textContent = text;
  return element;
}

function svgText(text, attributes) {
  return svgElement('text', attributes, text);
}
