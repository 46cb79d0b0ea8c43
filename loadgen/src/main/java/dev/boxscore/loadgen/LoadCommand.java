package dev.boxscore.loadgen;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./boxscore load}: the command line over {@link LoadRun}. */
@Command(
    name = "boxscore load",
    mixinStandardHelpOptions = true,
    abbreviateSynopsis = true,
    version = "boxscore load 0.1.0",
    sortOptions = false,
    description = {
      "Sends realistic OTLP traces of LLM call chains (5 services, 8 models, 1-20 spans a trace,"
          + " streaming calls, ~2 %% errors) to Boxscore, then checks through the query API that every"
          + " acknowledged span is stored exactly once.",
      "Exit codes: 0 stored = acknowledged, 1 stored differs, 3 nothing acknowledged, 4 the check"
          + " could not read the query API, 2 bad options."
    })
public final class LoadCommand implements Callable<Integer> {
  @Option(
      names = "--protocol",
      description = "http (OTLP/HTTP protobuf) or grpc; default: ${DEFAULT-VALUE}",
      converter = ProtocolConverter.class,
      defaultValue = "http")
  Protocol protocol;

  @Option(
      names = "--endpoint",
      description =
          "OTLP endpoint; default: $BOXSCORE_OTLP_ENDPOINT, else http://127.0.0.1:4318/v1/traces (http)"
              + " or http://127.0.0.1:4317 (grpc)",
      defaultValue = "${env:BOXSCORE_OTLP_ENDPOINT}")
  URI endpoint;

  @Option(
      names = "--api",
      description =
          "query API, for the check; default: $BOXSCORE_API_URL, else http://127.0.0.1:8080",
      defaultValue = "${env:BOXSCORE_API_URL:-http://127.0.0.1:8080}")
  URI api;

  @Option(
      names = "--key",
      description =
          "API key (ingest and read); default: $BOXSCORE_API_KEY, else the bootstrap key ./boxscore up"
              + " keeps in the data directory")
  String key;

  @Option(
      names = "--data",
      description =
          "data directory of ./boxscore up, to read its bootstrap key from; default: $BOXSCORE_DATA_DIR or ~/.boxscore")
  Path data;

  @Option(
      names = "--connections",
      description = "connections, each its own client; default: ${DEFAULT-VALUE}",
      defaultValue = "" + LoadOptions.DEFAULT_CONNECTIONS)
  int connections;

  @Option(
      names = "--batch",
      description = "spans per request; default: ${DEFAULT-VALUE}",
      defaultValue = "" + LoadOptions.DEFAULT_BATCH)
  int batch;

  @Option(
      names = "--rate",
      description =
          "spans/s to aim for; 0 = as fast as the server takes them; default: ${DEFAULT-VALUE}",
      defaultValue = "0")
  double rate;

  @Option(
      names = "--spans",
      description = "spans to send in all; default: ${DEFAULT-VALUE} (ignored with --duration)",
      defaultValue = "" + LoadOptions.DEFAULT_SPANS)
  long spans;

  @Option(
      names = "--duration",
      description = "send for this long instead (60s, 5m, PT90S)",
      converter = DurationConverter.class)
  Duration duration;

  @Option(names = "--seed", description = "makes the run repeatable (the same run id and traces)")
  Long seed;

  @Option(
      names = "--run-id",
      description = "run id (suffix of the service names); default: random, or from --seed")
  String runId;

  @Option(
      names = "--content-bytes",
      description =
          "captured message content per LLM call, in bytes; 0 = none; default: ${DEFAULT-VALUE}",
      defaultValue = "0")
  int contentBytes;

  @Option(
      names = "--verify-sample",
      description = "traces read back by id; all when fewer were sent; default: ${DEFAULT-VALUE}",
      defaultValue = "" + LoadOptions.DEFAULT_VERIFY_SAMPLE)
  int verifySample;

  @Option(
      names = "--verify-timeout",
      description = "longest wait for storage to catch up; default: ${DEFAULT-VALUE}",
      converter = DurationConverter.class,
      defaultValue = "5m")
  Duration verifyTimeout;

  @Option(
      names = "--verify-stall",
      description =
          "stop waiting when stored has not grown for this long; default: ${DEFAULT-VALUE}",
      converter = DurationConverter.class,
      defaultValue = "30s")
  Duration verifyStall;

  @Option(
      names = "--no-verify",
      negatable = false,
      description = "send only; no check of what was stored")
  boolean noVerify;

  @Option(
      names = "--max-attempts",
      description =
          "attempts per request before giving it up (OTLP exporters: 5); default: ${DEFAULT-VALUE}",
      defaultValue = "5")
  int maxAttempts;

  @Option(names = "--json", description = "also write the figures to this file as JSON")
  Path json;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    LoadOptions options;
    try {
      options =
          LoadOptions.builder()
              .protocol(protocol)
              .endpoint(endpoint)
              .api(api)
              .key(resolveKey())
              .connections(connections)
              .batch(batch)
              .rate(rate)
              .spans(spans)
              .duration(duration)
              .seed(seed)
              .runId(runId)
              .contentBytes(contentBytes)
              .verify(!noVerify)
              .verifySample(verifySample)
              .verifyMaxWait(verifyTimeout)
              .verifyStall(verifyStall)
              .maxAttempts(maxAttempts)
              .progress(System.err)
              .build();
    } catch (IllegalArgumentException e) {
      System.err.println("boxscore load: " + e.getMessage());
      return 2;
    }
    LoadReport report;
    try {
      report = LoadRun.run(options);
    } catch (IllegalStateException | IllegalArgumentException e) {
      System.err.println("boxscore load: " + e.getMessage());
      return 2;
    }
    out.print(report.toText());
    if (json != null) {
      report.writeJson(json);
      out.println("figures written to " + json);
    }
    return report.exitCode();
  }

  private String resolveKey() throws java.io.IOException {
    if (key != null && !key.isBlank()) {
      return key.strip();
    }
    String env = System.getenv("BOXSCORE_API_KEY");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    Path dir = data;
    if (dir == null) {
      String d = System.getenv("BOXSCORE_DATA_DIR");
      dir =
          d != null && !d.isBlank()
              ? Path.of(d)
              : Path.of(System.getProperty("user.home"), ".boxscore");
    }
    Path file = dir.resolve("bootstrap-key");
    return Files.isReadable(file) ? Files.readString(file).strip() : null;
  }

  static final class ProtocolConverter implements CommandLine.ITypeConverter<Protocol> {
    @Override
    public Protocol convert(String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "http", "http/protobuf" -> Protocol.HTTP;
        case "grpc" -> Protocol.GRPC;
        default -> throw new CommandLine.TypeConversionException("http or grpc, got " + value);
      };
    }
  }

  /** 30s, 5m, 1h or ISO-8601 (PT90S). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      Matcher m = SHORT.matcher(v);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      try {
        return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "a duration such as 60s, 5m, 1h or PT90S, got " + value);
      }
    }
  }
}
