/**
 * How cost, tokens and quantiles read everywhere in the analytics pages: an unknown price says "unpriced" (never
 * $0), partly priced cost says how many calls are missing, estimated tokens and approximate quantiles are marked.
 */
import { h } from './dom.js';
import { formatCost, formatDuration, formatTokens } from './format.js';

/** Cost `{usd, unpricedCalls, unpricedModels, estimated}` as an inline figure with its flags. */
export function costFigure(cost) {
  const unpricedModels = cost?.unpricedModels?.length ? ` (${cost.unpricedModels.join(', ')})` : '';
  if (cost?.usd == null) {
    return h('span', {
      class: 'unpriced', 'data-flag': 'unpriced',
      title: `No price is known for these calls${unpricedModels}; they are not counted as $0`,
    }, 'unpriced');
  }
  return h('span', { class: 'figure', title: `${cost.usd} USD` },
    formatCost(cost.usd),
    cost.unpricedCalls > 0 && h('span', {
      class: 'flag flag-unpriced', 'data-flag': 'unpriced',
      title: `${cost.unpricedCalls} calls have no known price${unpricedModels} and are not in this cost`,
    }, `+${formatTokens(cost.unpricedCalls)} unpriced`),
    cost.estimated && estimatedFlag('Part of this cost is priced from estimated token counts'));
}

/** A token count, marked "est." when some of its calls reported no usage and Boxscore estimated their tokens. */
export function tokensFigure(count, tokens) {
  return h('span', { class: 'figure' },
    formatTokens(count),
    tokens?.estimated && estimatedFlag(
      `${formatTokens(tokens.estimatedCalls)} calls reported no token usage; their tokens are estimated`));
}

/** A latency quantile; "≈" when it is folded from several time buckets. */
export function durationFigure(ms, approximate) {
  if (ms == null || !approximate) return formatDuration(ms);
  return h('span', {
    class: 'approx', title: 'Calls-weighted mean of the quantiles of several time buckets (the API gives quantiles per bucket of at most one day)',
  }, `≈ ${formatDuration(ms)}`);
}

export function estimatedFlag(title) {
  return h('span', { class: 'flag flag-estimated', 'data-flag': 'estimated', title }, 'est.');
}

/**
 * The price a cost was computed with, `{origin, provider, model, input, output, effectiveFrom}` (USD per 1M
 * tokens): "project price: openai gpt-4o from 2026-01-01, $2.50 in / $10.00 out per 1M".
 */
export function priceText(price) {
  if (!price) return '—';
  const origin = price.origin === 'project' ? 'project price' : 'built-in price';
  return `${origin}: ${price.provider} ${price.model} from ${price.effectiveFrom}, `
    + `${formatCost(Number(price.input))} in / ${formatCost(Number(price.output))} out per 1M`;
}
