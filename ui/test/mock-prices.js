/**
 * The mock's project prices (/api/v1/prices), as query-api's PricesResource answers: GET lists the project's own
 * prices and the built-in catalog; PUT adds or replaces a project price (same provider, model and effectiveFrom
 * replace) and DELETE removes one, both for admin keys only (403 otherwise); bad fields get the server's 400
 * messages. POST /api/v1/prices/preview re-prices the last 30 days of LLM calls with the body's price:
 * `{from, to, calls, currentCostUsd, newCostUsd, changeUsd}` (the real endpoint is being written; this is its
 * agreed shape). The mock does not re-price its traces when a price changes.
 */
import { prices as builtInCatalog } from './mock-analytics.js';
import { may } from './mock-admin.js';

const PREVIEW_DAYS = 30;
const PRICE_SCALE = 9;
const FIRST_DAY = '1970-01-01';
const LAST_DAY = '2149-06-06';
const STRING_FIELDS = ['provider', 'model', 'effectiveFrom', 'source'];
const NUMBER_FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite', 'reasoning'];
const KNOWN_FIELDS = ['anyProvider', ...NUMBER_FIELDS, ...STRING_FIELDS].sort();

export class PricesError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

class BadParameter extends PricesError {
  constructor(name, problem) {
    super(400, 'bad_parameter', `${name}: ${problem}`);
  }
}

/** The project's own prices, in memory. */
export function createPriceStore() {
  return { project: [] };
}

/**
 * Answers one /api/v1/prices call for `principal` (see mock-admin.js); `body` is the parsed JSON (undefined
 * without one), `calls` the LLM calls the preview re-prices.
 * @returns `[status, answer]` (answer null for 204)
 * @throws PricesError for 4xx answers
 */
export function handlePrices(store, principal, method, url, body, calls) {
  const route = url.pathname.replace(/\/+$/, '');
  if (route === '/api/v1/prices/preview') {
    if (method !== 'POST') throw notAllowed(method, route);
    return [200, preview(priceOf(body), calls)];
  }
  if (route !== '/api/v1/prices') throw new PricesError(404, 'not_found', `No API endpoint ${route}`);
  if (method === 'GET') {
    return [200, { project: store.project, builtIn: builtInCatalog().builtIn }];
  }
  if (method === 'PUT') {
    checkShape(body); // the body is read before the resource method runs, so its 400 comes before the 403
    requireAdmin(principal);
    const price = priceOf(body);
    store.project = store.project.filter((entry) => !samePrice(entry, price));
    store.project.push(price);
    store.project.sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model)
      || a.effectiveFrom.localeCompare(b.effectiveFrom));
    return [200, price];
  }
  if (method === 'DELETE') {
    requireAdmin(principal);
    const params = url.searchParams;
    const provider = name('provider', params.get('provider')).toLowerCase();
    const model = name('model', params.get('model'));
    const effectiveFrom = day('effective_from', params.get('effective_from'));
    const wanted = { provider, model, effectiveFrom };
    if (!store.project.some((entry) => samePrice(entry, wanted))) {
      throw new PricesError(404, 'not_found', `no project price ${provider} ${model} ${effectiveFrom}`);
    }
    store.project = store.project.filter((entry) => !samePrice(entry, wanted));
    return [204, null];
  }
  throw notAllowed(method, route);
}

/** PricesResource.put's checks, in its order, giving the stored price (`origin: "project"`). */
function priceOf(body) {
  checkShape(body);
  if (body == null) throw new BadParameter('body', 'a JSON price is required');
  const price = {
    origin: 'project',
    provider: name('provider', body.provider).toLowerCase(),
    model: name('model', body.model),
    anyProvider: body.anyProvider === true || body.anyProvider === 'true',
    input: amount('input', body.input, true),
    output: amount('output', body.output, true),
    cacheRead: amount('cacheRead', body.cacheRead, false),
    cacheWrite: amount('cacheWrite', body.cacheWrite, false),
    reasoning: amount('reasoning', body.reasoning, false),
    effectiveFrom: day('effectiveFrom', body.effectiveFrom),
    source: body.source == null ? '' : String(body.source),
  };
  if (price.source.length > 512) throw new BadParameter('source', 'must be at most 512 characters');
  return price;
}

/** What Jackson refuses while reading a PriceRequest (unknown fields are refused by the server's settings). */
function checkShape(body) {
  if (body === undefined || body === null) return;
  if (typeof body !== 'object' || Array.isArray(body)) throw new BadParameter('body', 'must be a JSON object');
  for (const [field, value] of Object.entries(body)) {
    if (!KNOWN_FIELDS.includes(field)) {
      throw new BadParameter(field, `unknown field; known fields: ${KNOWN_FIELDS.join(', ')}`);
    }
    if (value === null) continue;
    if (STRING_FIELDS.includes(field) && typeof value === 'object') throw new BadParameter(field, 'must be a string');
    if (field === 'anyProvider' && typeof value !== 'boolean' && value !== 'true' && value !== 'false') {
      throw new BadParameter(field, `must be true or false, got ${shown(value)}`);
    }
    if (NUMBER_FIELDS.includes(field) && typeof value !== 'number'
      && !(typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))) {
      throw new BadParameter(field, typeof value === 'string' ? `must be a number, got ${shown(value)}` : 'must be a number');
    }
  }
}

function requireAdmin(principal) {
  if (!may(principal, 'admin')) throw new PricesError(403, 'forbidden', 'changing prices needs an admin API key');
}

function name(field, value) {
  if (value == null || String(value).trim() === '') throw new BadParameter(field, 'is required');
  const text = String(value);
  if (text.length > 200) throw new BadParameter(field, 'must be at most 200 characters');
  return text.trim();
}

function amount(field, value, required) {
  if (value == null) {
    if (required) throw new BadParameter(field, 'is required (USD per 1M tokens)');
    return null;
  }
  const number = Number(value);
  if (number < 0 || number > 1_000_000) throw new BadParameter(field, 'must be between 0 and 1000000 USD per 1M tokens');
  if (decimalPlaces(number) > PRICE_SCALE) {
    throw new BadParameter(field, `must have at most ${PRICE_SCALE} decimal places (USD per 1M tokens), got ${String(value).toUpperCase()}`);
  }
  return number;
}

/** Decimal places of a number's shortest text: 0.25 → 2, 1e-10 → 10. */
function decimalPlaces(number) {
  const [mantissa, exponent = '0'] = String(number).toLowerCase().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

function day(field, value) {
  if (value == null || String(value).trim() === '') throw new BadParameter(field, 'is required (YYYY-MM-DD)');
  const text = String(value).trim();
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== text) {
    throw new BadParameter(field, `must be a date YYYY-MM-DD, got "${String(value).slice(0, 64)}"`);
  }
  if (text < FIRST_DAY || text > LAST_DAY) throw new BadParameter(field, `must be between ${FIRST_DAY} and ${LAST_DAY}, got ${text}`);
  return text;
}

function samePrice(a, b) {
  return a.provider === b.provider && a.model === b.model && a.effectiveFrom === b.effectiveFrom;
}

/**
 * The last 30 days' calls of the price's model family (its provider's, or any provider's with anyProvider),
 * costed as they are now and with the new price (from its effective day on).
 */
function preview(price, calls) {
  const to = Date.now();
  const from = to - PREVIEW_DAYS * 86_400_000;
  const effective = Date.parse(`${price.effectiveFrom}T00:00:00Z`);
  const matching = calls.filter((call) => call.time >= from && call.time < to
    && (price.anyProvider || call.provider === price.provider) && inFamily(price.model, call.model));
  let current = 0;
  let repriced = 0;
  for (const call of matching) {
    current += call.costUsd ?? 0;
    repriced += call.time >= effective ? cost(price, call) : (call.costUsd ?? 0);
  }
  return {
    from: new Date(from).toISOString(), to: new Date(to).toISOString(), calls: matching.length,
    currentCostUsd: round(current), newCostUsd: round(repriced), changeUsd: round(repriced - current),
  };
}

/** A rough ModelNames.matches: the family id, optionally after a path, followed only by a date or version. */
function inFamily(pattern, model) {
  const id = String(model ?? '').toLowerCase().replace(/^.*\//, '').replaceAll('.', '-');
  const family = pattern.toLowerCase().replaceAll('.', '-');
  if (!id.startsWith(family)) return false;
  return /^(-\d{4}-?\d{2}-?\d{2}|-\d{1,4}|-latest|-preview|-v\d+(:\d+)?)*$/.test(id.slice(family.length));
}

/** USD of one call at a price per 1M tokens; cache reads fall back to input, reasoning to output. */
function cost(price, call) {
  const cached = call.cacheReadTokens ?? 0;
  const reasoning = call.reasoningTokens ?? 0;
  return ((call.inputTokens - cached) * price.input + cached * (price.cacheRead ?? price.input)
    + (call.outputTokens - reasoning) * price.output + reasoning * (price.reasoning ?? price.output)) / 1e6;
}

function round(usd) {
  return Number(usd.toFixed(9));
}

function shown(value) {
  const text = typeof value === 'string' ? `"${value}"` : String(value);
  return text.length <= 64 ? text : `${text.slice(0, 64)}…`;
}

function notAllowed(method, path) {
  return new PricesError(405, 'method_not_allowed', `${method} is not allowed on ${path}`);
}
