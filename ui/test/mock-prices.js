/**
 * The mock's project prices (/api/v1/prices), as query-api's PricesResource answers: GET lists the project's own
 * prices and the built-in catalog; PUT adds or replaces a project price (same provider, model and effectiveFrom
 * replace) and DELETE removes one, both for admin keys only (403 otherwise); bad fields get the server's 400
 * messages. POST /api/v1/prices/preview re-prices the last 30 days of LLM calls with the body's price:
 * `{from, to, calls, currentCostUsd, newCostUsd, changeUsd}` (the real endpoint is being written; this is its
 * agreed shape). After a change, `reprice` costs the fixtures' LLM calls again, as the server costs calls when asked:
 * with the project price valid on the call's day, else the fixture's own (built-in) cost.
 */
import { prices as builtInCatalog } from './mock-analytics.js';
import { may } from './mock-admin.js';
import { summarize } from './fixtures.js';

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
    return [200, preview(priceOf(body), store.project, calls)];
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
 * What adding `price` would do to the last 30 days: the calls it would price (the project's prices with it added,
 * replacing one of the same provider, model and day, give it as their price) and their cost now and with it.
 */
function preview(price, projectPrices, calls) {
  const to = Date.now();
  const from = to - PREVIEW_DAYS * 86_400_000;
  const changed = [...projectPrices.filter((entry) => !samePrice(entry, price)), price];
  const matching = calls.filter((call) => call.time >= from && call.time < to
    && projectPriceOf(changed, call.provider, call.model, dayOf(call.time)) === price);
  let current = 0;
  let repriced = 0;
  for (const call of matching) {
    current += call.costUsd ?? 0;
    repriced += callCost(price, call);
  }
  return {
    from: new Date(from).toISOString(), to: new Date(to).toISOString(), calls: matching.length,
    currentCostUsd: round(current), newCostUsd: round(repriced), changeUsd: round(repriced - current),
  };
}

/** Each LLM span's cost and price as the fixtures built it (the built-in price), kept before the first re-pricing. */
const builtInCosts = new WeakMap();

/**
 * Costs every LLM call of `fixtures` (details, and the summaries' costUsd and unpricedCalls; analytics read the
 * spans' cost) with `projectPrices`: a call the project prices gets that price's cost and the price (origin
 * "project"), every other call its fixture cost and price again. A call is priced by its response model, else its
 * request model (the server falls back to the request model only when no price knows the response model; every
 * fixture's response model is of its request model's family). Calls without token counts stay unpriced.
 */
export function reprice(fixtures, projectPrices) {
  for (const trace of fixtures.details.values()) {
    for (const span of trace.spans) {
      const llm = span.llm;
      if (!llm) continue;
      if (!builtInCosts.has(llm)) builtInCosts.set(llm, { costUsd: llm.costUsd, hasPrice: 'price' in llm, price: llm.price });
      const builtIn = builtInCosts.get(llm);
      const counted = llm.usageReported !== false || llm.tokensEstimated === true;
      const price = counted
        ? projectPriceOf(projectPrices, llm.provider, llm.responseModel || llm.requestModel, dayOf(Date.parse(span.startTime)))
        : null;
      if (price) {
        llm.costUsd = round(callCost(price, llm));
        llm.price = { ...price };
      } else {
        llm.costUsd = builtIn.costUsd;
        if (builtIn.hasPrice) llm.price = builtIn.price;
        else delete llm.price;
      }
    }
  }
  for (const summary of fixtures.summaries) {
    const { costUsd, unpricedCalls } = summarize(fixtures.details.get(summary.traceId));
    Object.assign(summary, { costUsd, unpricedCalls });
  }
}

/**
 * PriceCatalog.find over the project's prices alone: among the prices of the call's provider whose family matches
 * the model and that apply on `day` (YYYY-MM-DD, UTC), the longest family, then the latest effectiveFrom; when the
 * provider has none, the same among the anyProvider prices. Null when none applies.
 */
function projectPriceOf(prices, provider, model, day) {
  if (model == null || String(model).trim() === '') return null;
  const id = normalizeModel(model);
  const applying = prices.filter((price) => price.effectiveFrom <= day && familyMatches(normalizeModel(price.model), id));
  const best = (candidates) => candidates.reduce((chosen, price) => {
    if (chosen == null) return price;
    const longer = normalizeModel(price.model).length - normalizeModel(chosen.model).length;
    return longer > 0 || (longer === 0 && price.effectiveFrom > chosen.effectiveFrom) ? price : chosen;
  }, null);
  const providerName = provider == null ? null : String(provider).trim().toLowerCase();
  return best(applying.filter((price) => providerName != null && price.provider === providerName))
    ?? best(applying.filter((price) => price.anyProvider));
}

const REGION_PREFIX = /^(us|eu|apac|global|us-gov|jp|au|ca)\./;
const VENDOR_PREFIX = /^(anthropic|meta|mistral|amazon|cohere|ai21|deepseek|openai|qwen|writer|google)\.(?=.)/;
const VERSION_SUFFIX = /^(?:[-@](?:\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|\d{3}|\d{2}-\d{2}|0|v\d+(?::\d+)?|latest|preview|exp|instruct|versatile|instant))*(?::\d+)?$/;
const MAX_MODEL_ID_LENGTH = 200;

/** ModelNames.normalize: lower case, no path, no Bedrock region or vendor prefix, dots as dashes. */
function normalizeModel(model) {
  let id = String(model).trim().toLowerCase();
  id = id.slice(id.lastIndexOf('/') + 1);
  return id.replace(REGION_PREFIX, '').replace(VENDOR_PREFIX, '').replaceAll('.', '-');
}

/** ModelNames.matches: the family id followed only by version noise (a date, -001, -v2:0, -latest, …). */
function familyMatches(family, id) {
  return id.length <= MAX_MODEL_ID_LENGTH && id.startsWith(family) && VERSION_SUFFIX.test(id.slice(family.length));
}

/**
 * ModelPrice.cost: USD of one call's tokens at a price per 1M tokens. Input counts cache reads and writes, output
 * counts reasoning: uncached input at the input price, cache reads and writes at theirs (else input), output at the
 * output price, or its reasoning part at the reasoning price when one is set.
 */
function callCost(price, tokens) {
  const input = tokens.inputTokens ?? 0;
  const output = tokens.outputTokens ?? 0;
  const cacheRead = tokens.cacheReadTokens ?? 0;
  const cacheWrite = tokens.cacheWriteTokens ?? 0;
  const reasoning = Math.min(tokens.reasoningTokens ?? 0, output);
  let perMillion = Math.max(0, input - cacheRead - cacheWrite) * price.input
    + cacheRead * (price.cacheRead ?? price.input) + cacheWrite * (price.cacheWrite ?? price.input);
  perMillion += price.reasoning == null ? output * price.output : (output - reasoning) * price.output + reasoning * price.reasoning;
  return perMillion / 1e6;
}

/** The UTC day (YYYY-MM-DD) of an epoch-millisecond time. */
function dayOf(time) {
  return new Date(time).toISOString().slice(0, 10);
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
