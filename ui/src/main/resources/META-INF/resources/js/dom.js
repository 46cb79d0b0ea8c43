/**
 * Tiny DOM builder. Every string child becomes a text node and attributes are set with setAttribute,
 * so text that comes from the API is never parsed as HTML (a span named `<img onerror=…>` stays text).
 */

/**
 * Creates an element.
 * props: `class` (string or array, falsy entries dropped), `dataset` (object), `style` (CSS property → value,
 * applied through the CSSOM so the page's CSP can forbid inline styles), `on<Event>` (listener), anything else is
 * an attribute (`true` → empty attribute, `false`/null/undefined → omitted).
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') {
      element.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (key === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (key === 'style') {
      for (const [property, styleValue] of Object.entries(value)) element.style.setProperty(property, styleValue);
    } else if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends children: nodes as they are, strings and numbers as text, arrays flattened, null/false skipped. */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of an element. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** True when a keyboard event comes from a field where typed letters must not trigger shortcuts. */
export function isTypingTarget(event) {
  const target = event.target;
  return target instanceof HTMLElement
    && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** True when a modifier is held, so plain-letter shortcuts leave browser shortcuts alone. */
export function hasModifier(event) {
  return event.ctrlKey || event.metaKey || event.altKey;
}
