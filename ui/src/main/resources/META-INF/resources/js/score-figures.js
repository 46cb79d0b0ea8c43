/** Scores as one line of text (the analytics table's Scores column). Pure (no DOM). */
/**
 * A group's scores in one line, by name: a number's average, a boolean's share true, a category's most frequent
 * label; "—" without scores.
 */
export function scoresText(scores) {
  const names = Object.keys(scores ?? {}).sort();
  if (names.length === 0) return '—';
  return names.map((name) => {
    const score = scores[name];
    if (score.dataType === 'boolean' && score.average != null) {
      return `${name} ${Math.round(score.average * 100)}% true (${score.scored})`;
    }
    if (score.average != null) {
      return `${name} ${score.average.toLocaleString('en-US', { maximumFractionDigits: 2 })} (${score.scored})`;
    }
    const top = Object.entries(score.labels ?? {}).sort((a, b) => b[1] - a[1])[0];
    return top ? `${name} ${top[0]} ${top[1]}/${score.scored}` : `${name} (${score.scored})`;
  }).join(' · ');
}

/**
 * The scores of several metrics rows (one group's buckets) as one: counts and labels summed, averages weighted
 * by their counts.
 */
export function mergeScores(rows) {
  const merged = {};
  for (const row of rows ?? []) {
    for (const [name, score] of Object.entries(row.scores ?? {})) {
      const into = merged[name] ?? { dataType: score.dataType, scored: 0, average: null, labels: {} };
      if (score.average != null) {
        const weight = into.average == null ? 0 : into.scored;
        into.average = (weight * (into.average ?? 0) + score.scored * score.average) / (weight + score.scored);
      }
      into.scored += score.scored;
      for (const [label, count] of Object.entries(score.labels ?? {})) {
        into.labels[label] = (into.labels[label] ?? 0) + count;
      }
      merged[name] = into;
    }
  }
  return merged;
}
