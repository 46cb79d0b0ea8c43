package dev.boxscore.query.api;

import java.time.Instant;
import java.util.List;

/**
 * One prompt fingerprint over [from, to): its versions with their figures, the template captured
 * per version, and which version served when (calls per version per bucket, buckets without calls
 * left out).
 */
public record PromptDetailResponse(
    String fingerprint,
    String name,
    Instant from,
    Instant to,
    long bucketSeconds,
    List<PromptVersionResponse> versions,
    List<PromptTemplateResponse> templates,
    List<PromptTimelinePointResponse> timeline) {}
