package dev.boxscore.storage.analytics;

import java.util.List;

/**
 * The two sides of a drift test: sampled calls of the baseline windows and of the current windows.
 */
public record DriftSamples(List<CallSample> baseline, List<CallSample> current) {}
