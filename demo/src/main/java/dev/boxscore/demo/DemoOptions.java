package dev.boxscore.demo;

import java.net.URI;
import java.time.Duration;

/**
 * Command-line options of the demo.
 *
 * @param simulator base URL of the provider simulator, e.g. {@code http://127.0.0.1:8090}
 *     (required)
 * @param interval pause between requests; default 2 s
 * @param iterations requests to make before exiting; 0 (default) runs until killed
 * @param seed seed of every random choice (tickets, models, errors); default 7, so runs repeat
 * @param errorPercent share of requests (0..100) that carry one forced provider error; default 10
 */
record DemoOptions(URI simulator, Duration interval, long iterations, long seed, int errorPercent) {

  static final String USAGE =
      """
      usage: java -javaagent:otel/opentelemetry-javaagent.jar -jar boxscore-demo.jar --simulator URL [flags]
        --simulator URL      provider simulator base URL, e.g. http://127.0.0.1:8090 (required)
        --interval DUR       pause between requests: 2s, 500ms, 0 (default 2s)
        --iterations N       stop after N requests; 0 = run until killed (default 0)
        --seed N             seed for tickets, models and errors (default 7)
        --error-percent P    share of requests with one forced provider error, 0..100 (default 10)""";

  static DemoOptions parse(String[] args) {
    URI simulator = null;
    Duration interval = Duration.ofSeconds(2);
    long iterations = 0;
    long seed = 7;
    int errorPercent = 10;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      try {
        switch (flag) {
          case "--simulator" -> simulator = URI.create(value.replaceAll("/+$", ""));
          case "--interval" -> interval = duration(value);
          case "--iterations" -> iterations = nonNegative(Long.parseLong(value), flag);
          case "--seed" -> seed = Long.parseLong(value);
          case "--error-percent" -> {
            errorPercent = Integer.parseInt(value);
            if (errorPercent < 0 || errorPercent > 100) {
              throw new IllegalArgumentException(
                  "--error-percent must be within 0..100, was " + value);
            }
          }
          default -> throw new IllegalArgumentException("unknown flag " + flag);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + ": '" + value + "' is not a number");
      }
    }
    if (simulator == null || simulator.getScheme() == null || simulator.getHost() == null) {
      throw new IllegalArgumentException("--simulator http://HOST:PORT is required");
    }
    return new DemoOptions(simulator, interval, iterations, seed, errorPercent);
  }

  private static Duration duration(String value) {
    String v = value.trim();
    Duration duration =
        v.endsWith("ms")
            ? Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)))
            : v.endsWith("s")
                ? Duration.ofMillis(
                    Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000))
                : Duration.ofMillis(Long.parseLong(v));
    if (duration.isNegative()) {
      throw new IllegalArgumentException("--interval must not be negative, was " + value);
    }
    return duration;
  }

  private static long nonNegative(long value, String flag) {
    if (value < 0) {
      throw new IllegalArgumentException(flag + " must not be negative, was " + value);
    }
    return value;
  }
}
