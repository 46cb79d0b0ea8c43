/** Explains how to send traces to Boxscore; shown when the trace list is empty. */
import { h } from './dom.js';

const OTLP_HTTP = 'http://127.0.0.1:4318';
const OTLP_GRPC = '127.0.0.1:4317';

/** The empty state: why the list is empty (filters or no data) and the OTLP endpoints to point an app at. */
export function sendDataHint({ filtered }) {
  const javaCommand = [
    'java -javaagent:opentelemetry-javaagent.jar \\',
    '     -Dotel.service.name=my-service \\',
    `     -Dotel.exporter.otlp.endpoint=${OTLP_HTTP} \\`,
    '     -Dotel.exporter.otlp.protocol=http/protobuf \\',
    '     -jar my-app.jar',
  ].join('\n');

  return h('div', { class: 'empty-state', 'data-testid': 'empty-state' },
    h('div', { class: 'empty-state-title' }, filtered ? 'No traces match these filters' : 'No traces yet'),
    h('p', { class: 'muted' }, filtered
      ? 'Try a longer time range or a wider filter. New traces show up here as soon as they arrive.'
      : 'Boxscore shows a trace as soon as an instrumented application sends its spans. Point any OpenTelemetry SDK or agent at the collector:'),
    h('dl', { class: 'endpoint-list' },
      h('dt', null, 'OTLP HTTP'), h('dd', null, h('code', null, OTLP_HTTP)),
      h('dt', null, 'OTLP gRPC'), h('dd', null, h('code', null, OTLP_GRPC))),
    h('p', { class: 'muted' }, 'For a Java application, attach the OpenTelemetry agent:'),
    h('pre', { class: 'code-block' }, javaCommand),
    h('p', { class: 'muted small' }, 'Other languages: set ', h('code', null, `OTEL_EXPORTER_OTLP_ENDPOINT=${OTLP_HTTP}`),
      ' and ', h('code', null, 'OTEL_SERVICE_NAME'), ' in the environment of your app.'));
}
