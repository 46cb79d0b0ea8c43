package dev.boxscore.query.api;

import java.time.Instant;
import java.util.List;

/**
 * Two prompt versions side by side over [from, to): each side's figures (null when it had no calls)
 * and one test per quantity, side a as the baseline and b as the current side of the drift tests: a
 * test's verdict {@code drift} means the difference is significant (p below alpha and a change of
 * at least the minimum). Scores are tested as {@code score:<name>}.
 */
public record PromptCompareResponse(
    Instant from,
    Instant to,
    String aFingerprint,
    String aVersion,
    String bFingerprint,
    String bVersion,
    PromptVersionResponse a,
    PromptVersionResponse b,
    double alpha,
    int minSamples,
    double minRelativeChange,
    boolean significant,
    List<DriftMetricResponse> tests) {}
