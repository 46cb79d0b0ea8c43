package dev.boxscore.storage.prompts;

import java.time.Instant;

/**
 * What the calls of one prompt fingerprint / version said about their prompt: its name ({@code
 * gen_ai.prompt.name}, {@code traceloop.prompt.key}) and template text (OpenInference,
 * OpenLLMetry), each from the latest call that carried it; null when none did. {@code capturedAt}
 * is the start of the latest call with a template.
 */
public record PromptTemplate(
    String fingerprint, String version, String name, String template, Instant capturedAt) {}
