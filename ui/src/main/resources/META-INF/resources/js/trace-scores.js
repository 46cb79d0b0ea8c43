/**
 * The scores of one trace (from code, OpenTelemetry evaluators, the LLM judge and people) and the reader's own
 * feedback: thumbs up or down with an optional comment, stored as the score `user_feedback` (source annotation)
 * with an id per trace and browser, so changing one's mind replaces the feedback instead of adding a second.
 */
import { h, replaceChildren } from './dom.js';
import { formatDateTime } from './format.js';

const FEEDBACK = 'user_feedback';
const BROWSER_KEY = 'boxscore.feedback-author';
const SOURCES = { api: 'API', otel: 'OTel', llm_judge: 'LLM judge', annotation: 'human' };

/**
 * @param scores the trace's scores as GET /traces/{id} answers them
 * @param spanName spanId → span name, for "on span" links
 * @param onSelectSpan called with a span id when its link is clicked
 */
export function traceScores({ api, traceId, scores, spanName, onSelectSpan, signal }) {
  let list = [...(scores ?? [])];
  const browser = browserId();
  const feedbackId = `ui-feedback-${traceId}-${browser}`;
  let choice = null;
  const body = h('div', { class: 'scores-body' });
  const comment = h('textarea', {
    class: 'input feedback-comment', rows: 2, maxlength: 10000, placeholder: 'What was good or wrong? (optional)',
    'aria-label': 'Feedback comment', 'data-testid': 'feedback-comment',
  });
  const status = h('span', { class: 'feedback-status muted', role: 'status', 'data-testid': 'feedback-status' });
  const send = h('button', { type: 'button', class: 'btn btn-primary', disabled: true, 'data-testid': 'feedback-send', onClick: submit },
    'Send feedback');
  const thumbs = [true, false].map((up) => h('button', {
    type: 'button', class: 'btn feedback-thumb', 'aria-pressed': 'false', 'data-testid': up ? 'feedback-up' : 'feedback-down',
    title: up ? 'Good answer' : 'Bad answer', onClick: () => choose(up),
  }, up ? '👍' : '👎'));
  const form = h('div', { class: 'feedback' },
    h('span', { class: 'feedback-label' }, 'Your feedback'), thumbs, comment, send, status);
  const mine = list.find((score) => score.id === feedbackId);
  if (mine) {
    choose(mine.value === 1);
    comment.value = mine.comment ?? '';
    send.disabled = true; // already stored; a change of thumb or comment enables it again
  }
  comment.addEventListener('input', () => { send.disabled = choice == null; });
  const element = h('section', { class: 'trace-scores', 'data-testid': 'trace-scores', 'aria-label': 'Scores' },
    h('h2', { class: 'section-title' }, 'Scores'), form, body);
  renderList();
  return element;

  function choose(up) {
    choice = up;
    thumbs.forEach((button, index) => button.setAttribute('aria-pressed', String((index === 0) === up)));
    send.disabled = false;
  }

  async function submit() {
    if (choice == null) return;
    send.disabled = true;
    status.textContent = 'Sending…';
    const score = {
      id: feedbackId, traceId, name: FEEDBACK, value: choice, source: 'annotation', author: `browser ${browser}`,
      ...(comment.value.trim() ? { comment: comment.value.trim() } : {}),
    };
    try {
      await api.postScores(score, { signal });
      list = list.filter((existing) => existing.id !== feedbackId);
      list.push({
        ...score, target: 'trace', dataType: 'boolean', value: choice ? 1 : 0, stringValue: String(choice),
        comment: score.comment ?? null, timestamp: new Date().toISOString(),
      });
      status.textContent = 'Thanks — saved.';
      renderList();
    } catch (error) {
      if (error.name === 'AbortError') return;
      status.textContent = `Not saved: ${error.message}`;
      send.disabled = false;
    }
  }

  function renderList() {
    if (list.length === 0) {
      replaceChildren(body, h('p', { class: 'muted', 'data-testid': 'scores-empty' }, 'No scores yet.'));
      return;
    }
    const sorted = [...list].sort((a, b) => a.name.localeCompare(b.name) || String(a.timestamp).localeCompare(String(b.timestamp)));
    replaceChildren(body, h('table', { class: 'table scores-table', 'data-testid': 'scores-table' },
      h('thead', null, h('tr', null, ['Score', 'Value', 'Source', 'On', 'Comment', 'When'].map((title) => h('th', null, title)))),
      h('tbody', null, sorted.map(row))));
  }

  function row(score) {
    const spanId = score.target === 'span' ? (score.spanId ?? score.call?.spanId) : null;
    return h('tr', { dataset: { scoreId: score.id, scoreName: score.name } },
      h('td', { class: 'mono' }, score.name),
      h('td', { class: 'num-font', 'data-testid': 'score-value' }, valueText(score)),
      h('td', null, h('span', { class: ['badge', `badge-source-${score.source}`] }, SOURCES[score.source] ?? score.source),
        score.author ? h('span', { class: 'muted score-author' }, ` ${score.author}`) : null),
      h('td', null, spanId
        ? h('a', { href: '#', onClick: (event) => { event.preventDefault(); onSelectSpan(spanId); } },
          spanName.get(spanId) ?? spanId)
        : score.target),
      h('td', { class: 'score-comment', 'data-testid': 'score-comment' }, score.comment ?? ''),
      h('td', { class: 'num-font muted' }, score.timestamp ? formatDateTime(score.timestamp) : ''));
  }
}

/** How a score's value reads: 👍/👎 for feedback and booleans, the label of a category, the number otherwise. */
export function valueText(score) {
  if (score.dataType === 'boolean') return score.value === 1 ? '👍 true' : '👎 false';
  if (score.dataType === 'categorical' || score.dataType === 'text') {
    return score.value != null && score.dataType === 'categorical'
      ? `${score.stringValue} (${number(score.value)})` : (score.stringValue ?? '');
  }
  return score.value == null ? '' : number(score.value);
}

function number(value) {
  return Number(value).toLocaleString('en-US', { maximumFractionDigits: 3 });
}

function browserId() {
  try {
    let id = localStorage.getItem(BROWSER_KEY);
    if (!id) {
      id = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
      localStorage.setItem(BROWSER_KEY, id);
    }
    return id;
  } catch {
    return 'anonymous';
  }
}
