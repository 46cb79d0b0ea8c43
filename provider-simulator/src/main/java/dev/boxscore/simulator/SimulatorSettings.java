package dev.boxscore.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the builder collects; see {@link ProviderSimulator.Builder} for the meaning and
 * default of each.
 */
record SimulatorSettings(
    String host,
    int port,
    int threads,
    Duration latency,
    Duration timeToFirstToken,
    Duration chunkDelay,
    int outputTokens,
    double errorRate,
    long errorSeed,
    List<SimulatedError> errorKinds,
    Duration retryAfter,
    List<ModelSwap> modelSwaps,
    Map<String, String> modelAliases,
    int cacheMinTokens,
    int embeddingDimensions,
    int maxBodyBytes,
    Clock clock) {}
