package dev.boxscore.model;

/**
 * The attribute dialect(s) an LLM span was written in. One span may mix several (OpenLLMetry sends
 * GenAI keys).
 */
public enum LlmDialect {
  /**
   * OpenTelemetry GenAI semantic conventions, current or deprecated names, and GenAI-style SDK
   * spans.
   */
  GEN_AI,
  /**
   * OpenInference (Arize Phoenix): {@code openinference.span.kind}, {@code llm.*}, {@code
   * input.value}.
   */
  OPENINFERENCE,
  /**
   * OpenLLMetry (Traceloop): {@code traceloop.*}, {@code llm.request.type}, {@code llm.usage.*},
   * flattened messages.
   */
  OPENLLMETRY
}
