/**
 * Renders LLM messages as chat bubbles by role. Parts of type text become text; tool calls and tool results
 * are shown as pretty-printed JSON; unknown part types are shown as their JSON so nothing is dropped. Very long
 * texts (a 2 MB prompt) are folded to their start with a "show all" button (long-text.js).
 */
import { h } from './dom.js';
import { foldableText } from './long-text.js';

/** The "Conversation" section: input messages, then output messages. */
export function conversation(llm) {
  return h('section', { class: 'panel-section', 'data-testid': 'conversation', 'aria-labelledby': 'conversation-title' },
    h('h3', { class: 'panel-section-title', id: 'conversation-title' }, 'Conversation'),
    messageGroup('Input', llm.input, 'conversation-input'),
    messageGroup('Output', llm.output, 'conversation-output'));
}

function messageGroup(title, messages, testId) {
  return h('div', { class: 'message-group', 'data-testid': testId },
    h('div', { class: 'message-group-title' }, title,
      Array.isArray(messages) && h('span', { class: 'muted' }, ` · ${messages.length} ${messages.length === 1 ? 'message' : 'messages'}`)),
    messages == null
      ? h('div', { class: 'not-captured', 'data-testid': 'not-captured' },
        'Content not captured. ',
        h('span', { class: 'muted' }, 'The instrumentation did not record message content for this call.'))
      : messages.length === 0
        ? h('div', { class: 'muted small' }, 'No messages.')
        : messages.map(message));
}

function message(entry) {
  const role = String(entry?.role ?? 'unknown');
  const roleClass = ['system', 'user', 'assistant', 'tool'].includes(role) ? role : 'other';
  const parts = Array.isArray(entry?.parts) ? entry.parts : [];
  return h('div', { class: `message message-${roleClass}`, dataset: { role } },
    h('div', { class: 'message-role' }, role,
      entry?.finish_reason && h('span', { class: 'muted' }, ` · ${entry.finish_reason}`)),
    h('div', { class: 'message-bubble' },
      parts.length === 0 ? h('span', { class: 'muted' }, '(no content)') : parts.map(part)));
}

function part(item) {
  switch (item?.type) {
    case 'text':
      return foldableText(String(item.content ?? ''), h('div', { class: 'message-text' }));
    case 'tool_call':
      return h('div', { class: 'tool-block' },
        h('div', { class: 'tool-block-head' },
          h('span', { class: 'tool-block-kind' }, 'tool call'),
          h('span', { class: 'mono tool-name' }, String(item.name ?? '')),
          item.id && h('span', { class: 'mono muted' }, String(item.id))),
        foldableText(prettyJson(item.arguments), h('pre', { class: 'json' })));
    case 'tool_call_response':
      return h('div', { class: 'tool-block' },
        h('div', { class: 'tool-block-head' },
          h('span', { class: 'tool-block-kind' }, 'tool result'),
          item.id && h('span', { class: 'mono muted' }, String(item.id))),
        foldableText(prettyJson(item.response ?? item.result ?? item.content), h('pre', { class: 'json' })));
    default:
      return h('div', { class: 'tool-block' },
        h('div', { class: 'tool-block-head' }, h('span', { class: 'tool-block-kind' }, String(item?.type ?? 'part'))),
        foldableText(prettyJson(item), h('pre', { class: 'json' })));
  }
}

/** JSON text, indented; a string that holds JSON is parsed first so it is indented too. */
function prettyJson(value) {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}
