/**
 * The mock's LLM-as-judge evaluators (/api/v1/evaluators), as query-api's EvaluatorsResource answers: read with any
 * key, created, changed (the body's fields over the stored ones) and deleted with an admin key (403 otherwise); the
 * judge's API key is never answered (`apiKeySet`); bad fields get the server's 400 messages for the checks the UI
 * relies on. One evaluator is seeded, paused by its budget, so the list has a status to show. Nothing is judged here.
 */
import { randomBytes } from 'node:crypto';
import { may } from './mock-admin.js';

export class EvaluatorsError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const bad = (field, problem) => new EvaluatorsError(400, 'bad_parameter', `${field}: ${problem}`);

export function createEvaluatorStore(now = Date.now()) {
  const store = { evaluators: new Map() };
  const seeded = save(store, null, {
    name: 'helpfulness judge', scoreName: 'helpfulness', dataType: 'numeric',
    template: 'Rate {{output}} for {{input}}', judgeKind: 'openai', baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini', apiKey: 'sk-seeded', filter: { service: 'checkout' }, samplingRate: 0.1, dailyBudgetUsd: 2,
  }, now - 86_400_000);
  seeded.status = {
    ...seeded.status, judgedToday: 412, errorsToday: 3, spendTodayUsd: 2.0004, paused: 'budget',
    lastError: 'HTTP 429: rate limited', lastErrorAt: new Date(now - 600_000).toISOString(),
  };
  return store;
}

/** Answers one /api/v1/evaluators call: `[status, body]` (body null: no content). */
export function handleEvaluators(store, principal, method, path, body) {
  const id = path.replace(/^\/api\/v1\/evaluators\/?/, '').replace(/\/+$/, '');
  if (method === 'GET') {
    if (!id) return [200, { evaluators: [...store.evaluators.values()].map(shown) }];
    return [200, shown(found(store, id))];
  }
  if (!may(principal, 'admin')) throw new EvaluatorsError(403, 'forbidden', 'changing an evaluator needs an admin API key');
  if (method === 'POST' && !id) {
    if (!body?.apiKey) throw bad('apiKey', 'is required: the judge endpoint\'s API key');
    return [201, shown(save(store, null, body, Date.now()))];
  }
  if (method === 'PUT' && id) {
    const old = found(store, id);
    return [200, shown(save(store, old, { ...old.settings, ...body }, Date.parse(old.createdAt)))];
  }
  if (method === 'DELETE' && id) {
    found(store, id);
    store.evaluators.delete(id);
    return [204, null];
  }
  throw new EvaluatorsError(405, 'method_not_allowed', `${method} is not allowed on ${path}`);
}

function found(store, id) {
  const evaluator = store.evaluators.get(id);
  if (!evaluator) throw new EvaluatorsError(404, 'not_found', `no evaluator ${id}`);
  return evaluator;
}

function save(store, old, settings, createdAt) {
  if (typeof settings.name !== 'string' || !settings.name.trim()) throw bad('name', 'is required');
  if (typeof settings.template !== 'string' || !settings.template.includes('{{output}}')) {
    throw bad('template', 'must contain {{output}} (the judged answer); {{input}} and {{model}} may be used too');
  }
  if (!/^https?:\/\/[^/\s?#]+/.test(settings.baseUrl ?? '')) {
    throw bad('baseUrl', 'must be an http(s) URL with a host, e.g. https://api.openai.com/v1');
  }
  const rate = settings.samplingRate ?? 1;
  if (!(typeof rate === 'number' && rate > 0 && rate <= 1)) throw bad('samplingRate', 'must be in (0, 1], the share of calls judged');
  if (!(typeof settings.dailyBudgetUsd === 'number' && settings.dailyBudgetUsd > 0)) throw bad('dailyBudgetUsd', 'must be a number of USD above 0');
  const id = old?.id ?? `eval_${randomBytes(8).toString('hex')}`;
  const enabled = settings.enabled ?? true;
  const evaluator = {
    id,
    settings: { ...settings, samplingRate: rate, enabled },
    createdAt: new Date(createdAt).toISOString(),
    status: {
      ...(old?.status ?? { day: new Date().toISOString().slice(0, 10), judgedToday: 0, errorsToday: 0, spendTodayUsd: 0, lastError: null, lastErrorAt: null }),
      budgetUsd: settings.dailyBudgetUsd,
    },
  };
  evaluator.status.paused = !enabled ? 'disabled' : evaluator.status.spendTodayUsd >= settings.dailyBudgetUsd ? 'budget' : null;
  store.evaluators.set(id, evaluator);
  return evaluator;
}

function shown({ id, settings, createdAt, status }) {
  return {
    id, name: settings.name, scoreName: settings.scoreName || settings.name, dataType: settings.dataType ?? 'numeric',
    categories: settings.categories ?? [], template: settings.template, judgeKind: settings.judgeKind ?? 'openai',
    baseUrl: settings.baseUrl, model: settings.model, apiKeySet: Boolean(settings.apiKey),
    filter: { service: '', model: '', promptVersion: '', ...(settings.filter ?? {}) },
    samplingRate: settings.samplingRate, dailyBudgetUsd: settings.dailyBudgetUsd,
    maxCallsPerMinute: settings.maxCallsPerMinute ?? 60, enabled: settings.enabled, ingestKeyId: 'key_0000000000000001',
    createdAt, status,
  };
}
