package dev.boxscore.simulator;

import java.util.ArrayList;
import java.util.List;

/** Maps command-line flags onto {@link ProviderSimulator.Builder}; one flag per builder option. */
final class SimulatorCommandLine {
  static final String USAGE =
      """
      usage: java -jar boxscore-provider-simulator.jar [flags]
        --host ADDR              bind address (default 127.0.0.1)
        --port N                 port, 0 = random (default 0)
        --threads N              worker threads (default 16)
        --latency DUR            base latency before response headers (default 0ms)
        --ttft DUR               time to first token (default 0ms)
        --chunk-delay DUR        delay between streamed chunks (default 0ms)
        --output-tokens N        words in a text reply (default 24)
        --error-rate P           fraction 0..1 of requests that fail (default 0)
        --error-seed N           seed of the error draws (default 42)
        --error-kinds LIST       comma list of 429,500,503|529 / rate_limited,server_error,overloaded (default 429,500)
        --retry-after DUR        retry-after on 429/503/529 (default 1s)
        --model-swap SPEC        REQUEST=SWAPPED@N (after N calls) or REQUEST=SWAPPED@30s; repeatable
        --model-alias REQ=RESP   response model for a request model; repeatable
        --cache-min-tokens N     OpenAI prompts this long report cached tokens (default 1024)
        --embedding-dimensions N default embedding size (default 1536)
        --max-body-bytes N       larger bodies get 413 (default 8388608)
        --help                   print this text
      DUR: 250ms, 2s, 1m, or a bare number of milliseconds.
      Per request, the header x-sim-scenario overrides: error=429; latency=100ms; ttft=50ms; chunk-delay=10ms;
      output-tokens=5; cache=auto|miss|write.""";

  private SimulatorCommandLine() {}

  /**
   * The configured builder, or null when help was asked for; bad flags throw
   * IllegalArgumentException.
   */
  static ProviderSimulator.Builder parse(String[] args) {
    ProviderSimulator.Builder builder = ProviderSimulator.builder();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String inline = null;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        inline = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      }
      if (flag.equals("--help") || flag.equals("-h")) {
        return null;
      }
      String value;
      if (inline != null) {
        value = inline;
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      try {
        apply(builder, flag, value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + ": '" + value + "' is not a number");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(flag + ": " + e.getMessage());
      }
    }
    return builder;
  }

  private static void apply(ProviderSimulator.Builder builder, String flag, String value) {
    switch (flag) {
      case "--host" -> builder.host(value);
      case "--port" -> builder.port(Integer.parseInt(value));
      case "--threads" -> builder.threads(Integer.parseInt(value));
      case "--latency" -> builder.latency(Durations.parse(value));
      case "--ttft" -> builder.timeToFirstToken(Durations.parse(value));
      case "--chunk-delay" -> builder.chunkDelay(Durations.parse(value));
      case "--output-tokens" -> builder.outputTokens(Integer.parseInt(value));
      case "--error-rate" -> builder.errorRate(Double.parseDouble(value));
      case "--error-seed" -> builder.errorSeed(Long.parseLong(value));
      case "--error-kinds" -> {
        List<SimulatedError> kinds = new ArrayList<>();
        for (String kind : value.split(",")) {
          kinds.add(SimulatedError.parse(kind));
        }
        builder.errorKinds(kinds);
      }
      case "--retry-after" -> builder.retryAfter(Durations.parse(value));
      case "--model-swap" -> builder.modelSwap(ModelSwap.parse(value));
      case "--model-alias" -> {
        int eq = value.indexOf('=');
        if (eq <= 0 || eq == value.length() - 1) {
          throw new IllegalArgumentException(
              "'" + value + "' must look like REQUEST_MODEL=RESPONSE_MODEL");
        }
        builder.modelAlias(value.substring(0, eq), value.substring(eq + 1));
      }
      case "--cache-min-tokens" -> builder.cacheMinTokens(Integer.parseInt(value));
      case "--embedding-dimensions" -> builder.embeddingDimensions(Integer.parseInt(value));
      case "--max-body-bytes" -> builder.maxBodyBytes(Integer.parseInt(value));
      default -> throw new IllegalArgumentException("unknown flag (see --help)");
    }
  }
}
