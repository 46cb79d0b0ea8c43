package dev.boxscore.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Boxscore's LLM provider simulator: an OpenAI- and Anthropic-compatible HTTP server on 127.0.0.1
 * that the real SDKs talk to. Endpoints: {@code POST /v1/chat/completions}, {@code POST
 * /v1/responses}, {@code POST /v1/embeddings}, {@code GET /v1/models} (OpenAI) and {@code POST
 * /v1/messages} (Anthropic). Point OpenAI clients at {@code baseUrl() + "/v1"} and Anthropic
 * clients at {@code baseUrl()}.
 *
 * <p>Answers are deterministic: the same request gets the same text and usage (see {@link
 * TokenCounter} for the token rule and {@link Completion} for the reply and tool-call rules).
 * Latency, injected errors and silent model swaps are configured here and, per request, with the
 * {@code x-sim-scenario} header (see {@link Scenario}).
 *
 * <pre>{@code
 * try (ProviderSimulator sim = ProviderSimulator.builder().timeToFirstToken(Duration.ofMillis(50)).start()) {
 *   OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(sim.baseUrl() + "/v1").apiKey("k").build();
 * }
 * }</pre>
 */
public final class ProviderSimulator implements AutoCloseable {
  private final SimulatorState state;
  private final HttpServer server;
  private final ExecutorService executor;

  private ProviderSimulator(SimulatorSettings settings) throws IOException {
    // Without TCP_NODELAY, small responses wait for the delayed-ACK timer: ~44 ms per call.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    this.state = new SimulatorState(settings);
    this.server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), 64);
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            settings.threads(),
            runnable -> {
              Thread thread =
                  new Thread(runnable, "provider-simulator-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/v1/chat/completions", new OpenAiChatCompletions(state));
    server.createContext("/v1/responses", new OpenAiResponses(state));
    server.createContext("/v1/embeddings", new OpenAiEmbeddings(state));
    server.createContext("/v1/models", new ModelList(state));
    server.createContext("/v1/messages", new AnthropicMessages(state));
    server.createContext("/", new NotFound(state));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:PORT}, no trailing slash. */
  public String baseUrl() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
  }

  /** OpenAI SDK base URL: {@code baseUrl() + "/v1"}. */
  public String openAiBaseUrl() {
    return baseUrl() + "/v1";
  }

  /** The bound port (the chosen one when the builder asked for 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Every request answered so far, in arrival order (a snapshot). */
  public List<RecordedRequest> recordedRequests() {
    return state.recorded();
  }

  /** How many requests were answered on {@code path}, whatever their status. */
  public long requestCount(String path) {
    return state.recorded().stream().filter(r -> r.path().equals(path)).count();
  }

  /**
   * Forgets the recorded requests (model-swap call counters and the error sequence keep running).
   */
  public void clearRecordedRequests() {
    state.clearRecorded();
  }

  /** Stops accepting requests and waits up to a second for running ones. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs the simulator as a process; prints {@code provider-simulator listening on
   * http://127.0.0.1:PORT} once ready. Flags: see {@code --help}.
   */
  public static void main(String[] args) {
    Builder builder;
    try {
      builder = SimulatorCommandLine.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("provider-simulator: " + e.getMessage());
      System.err.println(SimulatorCommandLine.USAGE);
      System.exit(2);
      return;
    }
    if (builder == null) {
      System.out.println(SimulatorCommandLine.USAGE);
      return;
    }
    ProviderSimulator simulator = builder.start();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(simulator::close, "provider-simulator-shutdown"));
    System.out.println("provider-simulator listening on " + simulator.baseUrl());
    System.out.flush();
  }

  /**
   * Options of the simulator; every option has a default, so {@code builder().start()} is a working
   * simulator.
   */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 0;
    private int threads = 16;
    private Duration latency = Duration.ZERO;
    private Duration timeToFirstToken = Duration.ZERO;
    private Duration chunkDelay = Duration.ZERO;
    private int outputTokens = 24;
    private double errorRate = 0.0;
    private long errorSeed = 42;
    private List<SimulatedError> errorKinds =
        List.of(SimulatedError.RATE_LIMITED, SimulatedError.SERVER_ERROR);
    private Duration retryAfter = Duration.ofSeconds(1);
    private final List<ModelSwap> modelSwaps = new ArrayList<>();
    private final Map<String, String> modelAliases = new LinkedHashMap<>();
    private int cacheMinTokens = 1024;
    private int embeddingDimensions = 1536;
    private int maxBodyBytes = 8 * 1024 * 1024;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Address to bind. Default {@code 127.0.0.1}. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Port to bind; 0 picks a free one (read it back with {@link #port()}). Default 0. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** Worker threads; a streaming response holds one for its whole duration. Default 16. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Base latency before any response headers. Default 0. */
    public Builder latency(Duration latency) {
      this.latency = nonNegative(latency, "latency");
      return this;
    }

    /**
     * Time to first token: streams wait this long between headers and the first content event;
     * non-streaming responses add it to their wait. Default 0.
     */
    public Builder timeToFirstToken(Duration timeToFirstToken) {
      this.timeToFirstToken = nonNegative(timeToFirstToken, "timeToFirstToken");
      return this;
    }

    /**
     * Delay between streamed content chunks (non-streaming responses wait the same total). Default
     * 0.
     */
    public Builder chunkDelay(Duration chunkDelay) {
      this.chunkDelay = nonNegative(chunkDelay, "chunkDelay");
      return this;
    }

    /** Words (= output tokens) in a text reply, before the request's max-tokens cap. Default 24. */
    public Builder outputTokens(int outputTokens) {
      if (outputTokens < 1) {
        throw new IllegalArgumentException("outputTokens must be at least 1, was " + outputTokens);
      }
      this.outputTokens = outputTokens;
      return this;
    }

    /**
     * Fraction of well-formed requests (0..1) that fail with one of {@link #errorKinds}. Default 0.
     */
    public Builder errorRate(double errorRate) {
      if (!(errorRate >= 0 && errorRate <= 1)) {
        throw new IllegalArgumentException("errorRate must be within 0..1, was " + errorRate);
      }
      this.errorRate = errorRate;
      return this;
    }

    /**
     * Seed of the error draws: the same seed and request order give the same errors. Default 42.
     */
    public Builder errorSeed(long errorSeed) {
      this.errorSeed = errorSeed;
      return this;
    }

    /**
     * Errors drawn (uniformly) when a request fails at random. Default RATE_LIMITED, SERVER_ERROR.
     */
    public Builder errorKinds(List<SimulatedError> errorKinds) {
      if (errorKinds.isEmpty()) {
        throw new IllegalArgumentException("errorKinds must not be empty");
      }
      this.errorKinds = List.copyOf(errorKinds);
      return this;
    }

    /**
     * Sent as {@code retry-after} (seconds, rounded up) and {@code retry-after-ms} on 429/503/529.
     * Default 1 s.
     */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = nonNegative(retryAfter, "retryAfter");
      return this;
    }

    /** Adds a silent model swap; may be called several times. Default: none. */
    public Builder modelSwap(ModelSwap swap) {
      modelSwaps.add(Objects.requireNonNull(swap, "swap"));
      return this;
    }

    /**
     * The response model for a request model, before any swap. Default: well-known aliases answer
     * with their dated snapshot (gpt-4o-mini → gpt-4o-mini-2024-07-18, claude-sonnet-4-5 →
     * claude-sonnet-4-5-20250929, ...); other names are echoed.
     */
    public Builder modelAlias(String requestModel, String responseModel) {
      modelAliases.put(
          Objects.requireNonNull(requestModel, "requestModel"),
          Objects.requireNonNull(responseModel, "responseModel"));
      return this;
    }

    /**
     * OpenAI prompts of at least this many input tokens report cached tokens. Default 1024 (as
     * OpenAI).
     */
    public Builder cacheMinTokens(int cacheMinTokens) {
      if (cacheMinTokens < 0) {
        throw new IllegalArgumentException(
            "cacheMinTokens must not be negative, was " + cacheMinTokens);
      }
      this.cacheMinTokens = cacheMinTokens;
      return this;
    }

    /** Embedding size when the request has no {@code dimensions}. Default 1536. */
    public Builder embeddingDimensions(int embeddingDimensions) {
      if (embeddingDimensions < 1) {
        throw new IllegalArgumentException(
            "embeddingDimensions must be at least 1, was " + embeddingDimensions);
      }
      this.embeddingDimensions = embeddingDimensions;
      return this;
    }

    /** Larger request bodies get 413. Default 8 MiB. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1, was " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Clock for timestamps and time-based model swaps. Default the system UTC clock. Visible for
     * testing.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Binds and starts serving. */
    public ProviderSimulator start() {
      SimulatorSettings settings =
          new SimulatorSettings(
              host,
              port,
              threads,
              latency,
              timeToFirstToken,
              chunkDelay,
              outputTokens,
              errorRate,
              errorSeed,
              errorKinds,
              retryAfter,
              List.copyOf(modelSwaps),
              Map.copyOf(modelAliases),
              cacheMinTokens,
              embeddingDimensions,
              maxBodyBytes,
              clock);
      try {
        ProviderSimulator simulator = new ProviderSimulator(settings);
        simulator.state.router.markStarted();
        simulator.server.start();
        return simulator;
      } catch (IOException e) {
        throw new UncheckedIOException("provider simulator could not bind " + host + ":" + port, e);
      }
    }

    private static Duration nonNegative(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + duration);
      }
      return duration;
    }
  }
}
