package dev.boxscore.query.api;

import java.time.Instant;
import java.util.List;

/** Every prompt fingerprint / version that served calls in [from, to). */
public record PromptListResponse(Instant from, Instant to, List<PromptVersionResponse> prompts) {}
