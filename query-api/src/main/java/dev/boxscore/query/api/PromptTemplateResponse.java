package dev.boxscore.query.api;

import java.time.Instant;

/**
 * The template text a version's calls carried (OpenInference {@code llm.prompt_template.template},
 * OpenLLMetry {@code traceloop.prompt.template}), from the latest call with one at {@code
 * capturedAt}; {@code template} is null when no call carried it.
 */
public record PromptTemplateResponse(
    String version, String name, String template, Instant capturedAt) {}
