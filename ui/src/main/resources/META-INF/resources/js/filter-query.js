/**
 * The trace filter grammar as the filter bar needs it (the server parses and checks q; see the search contract):
 * which term the caret is in, what to complete there, how a value is quoted, and where a 400 says the query is
 * wrong. Pure functions (no DOM), so Node tests can import them.
 */

/** The grammar's keys, offered when the server's list (GET /traces/suggest) cannot be read. */
export const FILTER_KEYS = Object.freeze([
  'service', 'model', 'provider', 'status', 'latency', 'ttft', 'cost', 'tokens', 'user', 'session', 'prompt', 'attr.',
]);

/** What each key filters on, shown next to it in the completion list. */
export const KEY_HELP = Object.freeze({
  service: 'a span of this service',
  model: 'request or response model',
  provider: 'LLM provider',
  status: 'error or ok',
  latency: 'trace duration, e.g. >2s',
  ttft: 'any call\'s time to first token, e.g. >500ms',
  cost: 'trace cost in USD, e.g. >0.01',
  tokens: 'input + output tokens, e.g. >1000',
  user: 'user id',
  session: 'session id',
  prompt: 'prompt version or fingerprint',
  'attr.': 'span attribute: attr.KEY:VALUE',
});

/** Keys compared with an operator: their completions are examples, not values the server knows. */
export const COMPARISON_EXAMPLES = Object.freeze({
  latency: ['>1s', '>2s', '>5s', '<500ms'],
  ttft: ['>500ms', '>1s', '>2s'],
  cost: ['>0.01', '>0.1', '>1'],
  tokens: ['>1000', '>10000', '<100'],
});

/** Keys whose values GET /traces/suggest?key= lists (attr.KEY as well). */
const VALUE_KEYS = new Set(['service', 'model', 'provider', 'status', 'user', 'session', 'prompt']);

/** The terms of a query with their offsets: `[{start, end, text}]`; a quoted part keeps its spaces. */
export function queryTerms(text) {
  const terms = [];
  let index = 0;
  while (index < text.length) {
    if (/\s/.test(text[index])) {
      index += 1;
      continue;
    }
    const start = index;
    let quoted = false;
    while (index < text.length && (quoted || !/\s/.test(text[index]))) {
      if (text[index] === '"') quoted = !quoted;
      index += 1;
    }
    terms.push({ start, end: index, text: text.slice(start, index) });
  }
  return terms;
}

/**
 * The term the caret is in (or just after): `{start, end, text, before}` where `before` is its text up to the
 * caret. Between terms it is an empty term at the caret.
 */
export function termAt(text, caret) {
  const term = queryTerms(text).find((candidate) => candidate.start <= caret && caret <= candidate.end);
  if (!term) return { start: caret, end: caret, text: '', before: '' };
  return { ...term, before: text.slice(term.start, caret) };
}

/**
 * What to complete for a term typed up to the caret:
 * `{kind: 'keys', negation, prefix}` at the start of a term, `{kind: 'attr-keys', negation, prefix}` after
 * `attr.`, `{kind: 'values', negation, key, prefix}` after `key:` for keys the server has values of,
 * `{kind: 'examples', negation, key, prefix}` after a comparison key; null for free text and phrases.
 */
export function completionContext(before) {
  const negation = before.startsWith('-') ? '-' : '';
  const body = before.slice(negation.length);
  if (body.startsWith('"')) return null;
  const colon = body.indexOf(':');
  if (colon < 0) {
    if (body.toLowerCase().startsWith('attr.')) return { kind: 'attr-keys', negation, prefix: body.slice('attr.'.length) };
    return { kind: 'keys', negation, prefix: body };
  }
  const key = body.slice(0, colon);
  let prefix = body.slice(colon + 1);
  if (prefix.startsWith('"')) prefix = prefix.slice(1);
  if (prefix.includes('"')) return null; // the quoted value is closed
  if (COMPARISON_EXAMPLES[key]) return { kind: 'examples', negation, key, prefix };
  if (VALUE_KEYS.has(key) || (key.startsWith('attr.') && key.length > 'attr.'.length)) {
    return { kind: 'values', negation, key, prefix };
  }
  return null;
}

/** A value as the grammar reads it: quoted when it holds spaces or is empty. */
export function quoteValue(value) {
  const text = String(value);
  return text === '' || /\s/.test(text) ? `"${text.replace(/"/g, '')}"` : text;
}

/** One `key:value` term, the value quoted when needed: `user:"Ada Lovelace"`. */
export function filterTerm(key, value) {
  return `${key}:${quoteValue(value)}`;
}

/** Replaces `term` (`{start, end}`) of `text`: `{text, caret}` with the caret after the replacement. */
export function replaceTerm(text, term, replacement) {
  return { text: text.slice(0, term.start) + replacement + text.slice(term.end), caret: term.start + replacement.length };
}

/**
 * The q of a list address: `q=` plus the older `service=` and `model=` filters (links from alerts and bookmarks
 * made before the filter bar), turned into terms in front of it.
 */
export function queryFromParams(params) {
  const legacy = ['service', 'model'].filter((name) => params.get(name)).map((name) => filterTerm(name, params.get(name)));
  return [...legacy, (params.get('q') ?? '').trim()].filter(Boolean).join(' ');
}

/**
 * Reads a server 400 about q, `q: position N: message` (N is 1-based): `{position, detail}`, or null for other
 * messages.
 */
export function queryErrorPosition(message) {
  const match = /^q: position (\d+): ([\s\S]*)$/.exec(String(message ?? ''));
  return match ? { position: Number(match[1]), detail: match[2] } : null;
}
