/** Time range presets of the users and sessions pages (people use an app over days, so a week by default). */
import { TIME_RANGES, rangeBounds } from './time-range.js';
import { segmented } from './toolbar.js';

export const USER_RANGES = Object.freeze(TIME_RANGES.filter((range) => ['24h', '7d', '30d'].includes(range.id)));
export const DEFAULT_USER_RANGE = '7d';

/** The preset with this id, or the default one for unknown ids. */
export function userRange(id) {
  return USER_RANGES.find((range) => range.id === id) ?? userRange(DEFAULT_USER_RANGE);
}

/** `{from, to}` as ISO-8601 instants for the preset, ending now. */
export function userBounds(id) {
  return rangeBounds(userRange(id).id);
}

/** The range picker of these pages. */
export function userRangePicker(selected, onSelect) {
  return segmented({ name: 'range', label: 'Time range', options: USER_RANGES, selected, onSelect });
}
