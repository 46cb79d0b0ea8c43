/**
 * The chart above the trace list: traces and errors per time bucket for the list's query (GET /traces/histogram),
 * as inline SVG bars. Dragging across it (or clicking one bar) narrows the list's time range to whole buckets.
 */
import { h, replaceChildren } from './dom.js';
import { formatCount, formatDateTime } from './format.js';
import { svgElement, timeLabel, timeTicks } from './svg-chart.js';
import { describeError } from './states.js';

const HEIGHT = 116;
const PAD = { top: 8, right: 8, bottom: 20, left: 40 };
const FALLBACK_WIDTH = 1200;
const CLICK_PX = 3; // a drag shorter than this is a click on one bucket

/**
 * Creates the chart. `onSelect(fromMillis, toMillis)` is called when the user narrows the range.
 * @returns `{element, render(histogram), loading(), showError(error)}`
 */
export function createTraceHistogram({ onSelect }) {
  const summary = h('span', { class: 'histogram-summary muted', 'data-testid': 'histogram-summary' });
  const caption = h('figcaption', { class: 'histogram-caption' },
    h('span', { class: 'histogram-legend' },
      h('span', { class: 'legend-box hist-traces', 'aria-hidden': 'true' }), 'Traces',
      h('span', { class: 'legend-box hist-errors', 'aria-hidden': 'true' }), 'With errors'),
    summary,
    h('span', { class: 'histogram-hint muted' }, 'Drag across the chart to narrow the time range'));
  const plot = h('div', { class: 'histogram-plot' });
  const element = h('figure', { class: 'histogram', 'data-testid': 'trace-histogram' }, caption, plot);

  return {
    element,
    render,
    loading() {
      element.classList.add('is-loading');
    },
    showError(error) {
      element.classList.remove('is-loading');
      replaceChildren(summary);
      replaceChildren(plot, h('div', { class: 'histogram-empty inline-error' }, `Could not load the chart: ${describeError(error)}`));
    },
    clear() {
      element.classList.remove('is-loading');
      replaceChildren(summary);
      replaceChildren(plot, h('div', { class: 'histogram-empty muted' }, 'No chart: the query has an error'));
    },
  };

  function render(histogram) {
    element.classList.remove('is-loading');
    const bucketMs = Math.max(1, Number(histogram.bucketSeconds) || 60) * 1000;
    const points = (histogram.points ?? []).map((point) => ({
      t: Date.parse(point.time), traces: point.traces ?? 0, errors: point.errors ?? 0,
    })).filter((point) => Number.isFinite(point.t));
    const rangeFrom = Date.parse(histogram.from);
    const rangeTo = Date.parse(histogram.to);
    const start = Math.min(rangeFrom, ...points.map((point) => point.t));
    const end = Math.max(rangeTo, ...points.map((point) => point.t + bucketMs));
    const totalTraces = points.reduce((sum, point) => sum + point.traces, 0);
    const totalErrors = points.reduce((sum, point) => sum + point.errors, 0);
    replaceChildren(summary, `${formatCount(totalTraces)} ${totalTraces === 1 ? 'trace' : 'traces'} · `
      + `${formatCount(totalErrors)} with errors · ${bucketLabel(bucketMs)} buckets`);

    const width = Math.max(320, Math.round(plot.clientWidth || FALLBACK_WIDTH));
    const x = (t) => PAD.left + ((t - start) / Math.max(1, end - start)) * (width - PAD.left - PAD.right);
    const top = countCeiling(Math.max(0, ...points.map((point) => point.traces)));
    const y = (v) => HEIGHT - PAD.bottom - (v / top) * (HEIGHT - PAD.top - PAD.bottom);
    const svg = svgElement('svg', {
      viewBox: `0 0 ${width} ${HEIGHT}`, class: 'histogram-svg', role: 'img', 'data-testid': 'histogram-plot',
      'aria-label': `Traces per ${bucketLabel(bucketMs)}: ${totalTraces} traces, ${totalErrors} with errors`,
    });
    for (const value of [0, top / 2, top]) {
      svg.append(svgElement('line', { x1: PAD.left, x2: width - PAD.right, y1: y(value), y2: y(value), class: 'chart-grid' }));
      svg.append(svgElement('text', { x: PAD.left - 6, y: y(value) + 4, class: 'chart-axis', 'text-anchor': 'end' }, formatCount(value)));
    }
    for (const t of timeTicks(start, end)) {
      svg.append(svgElement('text', { x: x(t), y: HEIGHT - 5, class: 'chart-axis', 'text-anchor': 'middle' }, timeLabel(t, end - start)));
    }
    for (const point of points) {
      const left = x(point.t);
      const barWidth = Math.max(1, x(point.t + bucketMs) - left - 1);
      const bucket = svgElement('g', { class: 'hist-bucket', 'data-time': new Date(point.t).toISOString() });
      bucket.append(svgElement('title', {},
        `${formatDateTime(new Date(point.t).toISOString())} – ${formatDateTime(new Date(point.t + bucketMs).toISOString())}`
        + ` · ${formatCount(point.traces)} traces, ${formatCount(point.errors)} with errors`));
      bucket.append(svgElement('rect', { x: left, y: PAD.top, width: barWidth + 1, height: HEIGHT - PAD.top - PAD.bottom, class: 'hist-hit' }));
      if (point.traces > 0) {
        bucket.append(svgElement('rect', { x: left, y: y(point.traces), width: barWidth, height: y(0) - y(point.traces), class: 'hist-bar' }));
      }
      if (point.errors > 0) {
        bucket.append(svgElement('rect', { x: left, y: y(point.errors), width: barWidth, height: y(0) - y(point.errors), class: 'hist-error' }));
      }
      svg.append(bucket);
    }
    const selection = svgElement('rect', {
      x: 0, y: PAD.top, width: 0, height: HEIGHT - PAD.top - PAD.bottom, class: 'hist-selection', visibility: 'hidden',
    });
    svg.append(selection);
    replaceChildren(plot, svg);

    const first = points[0]?.t ?? start;
    const bucketStart = (t) => first + Math.floor((t - first) / bucketMs) * bucketMs;
    const timeAt = (svgX) => start + ((svgX - PAD.left) / Math.max(1, width - PAD.left - PAD.right)) * (end - start);
    const svgX = (event) => {
      const box = svg.getBoundingClientRect();
      return Math.min(width - PAD.right, Math.max(PAD.left, (event.clientX - box.left) * (width / Math.max(1, box.width))));
    };
    let dragFrom = null;
    const showSelection = (a, b) => {
      selection.setAttribute('x', String(Math.min(a, b)));
      selection.setAttribute('width', String(Math.max(1, Math.abs(b - a))));
      selection.setAttribute('visibility', 'visible');
    };
    svg.addEventListener('pointerdown', (event) => {
      if (event.button !== 0 || points.length === 0) return;
      event.preventDefault();
      dragFrom = svgX(event);
      svg.setPointerCapture?.(event.pointerId);
      showSelection(dragFrom, dragFrom);
    });
    svg.addEventListener('pointermove', (event) => {
      if (dragFrom != null) showSelection(dragFrom, svgX(event));
    });
    svg.addEventListener('pointercancel', () => {
      dragFrom = null;
      selection.setAttribute('visibility', 'hidden');
    });
    svg.addEventListener('pointerup', (event) => {
      if (dragFrom == null) return;
      const a = dragFrom;
      const b = svgX(event);
      dragFrom = null;
      const [left, right] = Math.abs(b - a) < CLICK_PX ? [a, a] : [Math.min(a, b), Math.max(a, b)];
      const from = Math.max(rangeFrom, bucketStart(timeAt(left)));
      const to = Math.min(rangeTo, bucketStart(timeAt(right)) + bucketMs);
      if (to - from < 1000) {
        selection.setAttribute('visibility', 'hidden');
        return;
      }
      onSelect(from, to);
    });
  }
}

/** "30 s", "5 min", "2 h", "1 d" for a bucket length. */
function bucketLabel(ms) {
  const seconds = ms / 1000;
  const round = (value) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
  if (seconds < 60) return `${round(seconds)} s`;
  if (seconds < 3600) return `${round(seconds / 60)} min`;
  if (seconds < 86_400) return `${round(seconds / 3600)} h`;
  return `${round(seconds / 86_400)} d`;
}

/** A whole, even top for a count axis (its half is a whole grid line): 2, 4, … 10, then 20, 50, 100, 200… */
function countCeiling(max) {
  if (max <= 10) return Math.max(2, Math.ceil(max / 2) * 2);
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= max);
}
