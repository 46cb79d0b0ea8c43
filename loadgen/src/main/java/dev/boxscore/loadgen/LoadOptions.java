package dev.boxscore.loadgen;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One run's settings; {@link #builder()} starts from the defaults, which match {@code ./boxscore
 * up}. A run sends {@code spans} spans, or for {@code duration} when that is set.
 *
 * @param endpoint OTLP endpoint: the full {@code /v1/traces} URL for HTTP, {@code http://host:port}
 *     for gRPC
 * @param rate spans a second to aim for; 0 sends as fast as the server takes them
 * @param seed makes the run repeatable (with the run id derived from it unless {@code runId} is
 *     set); null picks one
 * @param progress where progress lines go while the run sends and checks
 */
public record LoadOptions(
    Protocol protocol,
    URI endpoint,
    URI api,
    String key,
    int connections,
    int batch,
    double rate,
    long spans,
    Duration duration,
    Long seed,
    String runId,
    int contentBytes,
    boolean verify,
    int verifySample,
    Duration verifyStall,
    Duration verifyMaxWait,
    int maxAttempts,
    PrintStream progress) {

  public static final int DEFAULT_BATCH = 2000;
  public static final int DEFAULT_CONNECTIONS = 4;
  public static final long DEFAULT_SPANS = 100_000;
  public static final int DEFAULT_VERIFY_SAMPLE = 200;

  public LoadOptions {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(api, "api");
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(
          "no API key: pass --key or set BOXSCORE_API_KEY (./boxscore up prints it)");
    }
    require(connections >= 1 && connections <= 256, "connections: 1 to 256, got " + connections);
    require(batch >= 1 && batch <= 100_000, "batch: 1 to 100000 spans, got " + batch);
    require(rate >= 0, "rate: 0 (as fast as the server takes) or more, got " + rate);
    require(
        duration == null ? spans >= 1 : !duration.isNegative() && !duration.isZero(),
        duration == null ? "spans: 1 or more, got " + spans : "duration: more than 0");
    require(contentBytes >= 0 && contentBytes <= 1 << 20, "content bytes: 0 to 1 MiB");
    require(verifySample >= 0, "verify sample: 0 or more, got " + verifySample);
    require(maxAttempts >= 1, "max attempts: 1 or more, got " + maxAttempts);
    Objects.requireNonNull(verifyStall, "verifyStall");
    Objects.requireNonNull(verifyMaxWait, "verifyMaxWait");
    Objects.requireNonNull(progress, "progress");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The defaults, changed one at a time. */
  public static final class Builder {
    private Protocol protocol = Protocol.HTTP;
    private URI endpoint;
    private URI api = URI.create("http://127.0.0.1:8080");
    private String key;
    private int connections = DEFAULT_CONNECTIONS;
    private int batch = DEFAULT_BATCH;
    private double rate;
    private long spans = DEFAULT_SPANS;
    private Duration duration;
    private Long seed;
    private String runId;
    private int contentBytes;
    private boolean verify = true;
    private int verifySample = DEFAULT_VERIFY_SAMPLE;
    private Duration verifyStall = Duration.ofSeconds(30);
    private Duration verifyMaxWait = Duration.ofMinutes(5);
    private int maxAttempts = Backoff.OTLP.maxAttempts();
    private PrintStream progress = new PrintStream(OutputStream.nullOutputStream());

    public Builder protocol(Protocol v) {
      protocol = v;
      return this;
    }

    /** Null: the protocol's default. */
    public Builder endpoint(URI v) {
      endpoint = v;
      return this;
    }

    public Builder api(URI v) {
      api = v;
      return this;
    }

    public Builder key(String v) {
      key = v;
      return this;
    }

    public Builder connections(int v) {
      connections = v;
      return this;
    }

    public Builder batch(int v) {
      batch = v;
      return this;
    }

    public Builder rate(double v) {
      rate = v;
      return this;
    }

    public Builder spans(long v) {
      spans = v;
      return this;
    }

    public Builder duration(Duration v) {
      duration = v;
      return this;
    }

    public Builder seed(Long v) {
      seed = v;
      return this;
    }

    public Builder runId(String v) {
      runId = v;
      return this;
    }

    public Builder contentBytes(int v) {
      contentBytes = v;
      return this;
    }

    public Builder verify(boolean v) {
      verify = v;
      return this;
    }

    public Builder verifySample(int v) {
      verifySample = v;
      return this;
    }

    public Builder verifyStall(Duration v) {
      verifyStall = v;
      return this;
    }

    public Builder verifyMaxWait(Duration v) {
      verifyMaxWait = v;
      return this;
    }

    public Builder maxAttempts(int v) {
      maxAttempts = v;
      return this;
    }

    public Builder progress(PrintStream v) {
      progress = v;
      return this;
    }

    public LoadOptions build() {
      return new LoadOptions(
          protocol,
          endpoint != null ? endpoint : URI.create(protocol.defaultEndpoint),
          api,
          key,
          connections,
          batch,
          rate,
          spans,
          duration,
          seed,
          runId,
          contentBytes,
          verify,
          verifySample,
          verifyStall,
          verifyMaxWait,
          maxAttempts,
          progress);
    }
  }
}
