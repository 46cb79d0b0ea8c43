package dev.boxscore.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One run: {@code connections} threads, each with its own connection, take batch numbers from one
 * counter, generate the batch, wait for the rate limiter, and send it with OTLP-exporter retries;
 * then the check reads back through the query API what was stored.
 */
public final class LoadRun {
  private final LoadOptions options;
  private final long seed;
  private final RunNames names;
  private final TraceGenerator generator;
  private final SendStats stats = new SendStats();
  private final TraceSample sample;
  private final TokenBucket bucket;
  private final AtomicLong nextBatch = new AtomicLong();
  private final List<String> warnings = new ArrayList<>();
  private final Backoff backoff;
  private final Supplier<OtlpSender> connections;
  private volatile long deadlineNanos = Long.MAX_VALUE;

  private LoadRun(LoadOptions options, Supplier<OtlpSender> connections) {
    this.options = options;
    this.connections = connections != null ? connections : this::sender;
    SplittableRandom fresh = new SplittableRandom();
    this.seed = options.seed() != null ? options.seed() : fresh.nextLong();
    String runId =
        options.runId() != null
            ? options.runId()
            : RunNames.randomId(options.seed() != null ? new SplittableRandom(seed) : fresh);
    this.names = RunNames.of(runId);
    this.generator = new TraceGenerator(names, seed, options.contentBytes());
    this.sample = new TraceSample(options.verifySample(), seed);
    this.bucket = options.rate() > 0 ? new TokenBucket(options.rate(), System::nanoTime) : null;
    this.backoff = Backoff.OTLP.withMaxAttempts(options.maxAttempts());
  }

  /** Sends, then checks what was stored (unless told not to); never throws for refusals. */
  public static LoadReport run(LoadOptions options) throws InterruptedException {
    return new LoadRun(options, null).execute();
  }

  /** A run whose connections are opened by {@code connections} (tests: a scripted server). */
  static LoadReport run(LoadOptions options, Supplier<OtlpSender> connections)
      throws InterruptedException {
    return new LoadRun(options, connections).execute();
  }

  private LoadReport execute() throws InterruptedException {
    PrintStream out = options.progress();
    QueryApi api = new QueryApi(options.api(), options.key());
    Verifier verifier =
        new Verifier(
            api, out, Duration.ofMillis(250), options.verifyStall(), options.verifyMaxWait());
    // A trace ends up to 2 s before it is sent and lasts at most 20 model calls of 8 s: the check
    // counts calls that started from 10 minutes before the run.
    Instant from = Instant.now().minus(Duration.ofMinutes(10));
    if (options.verify()) {
      preflight(verifier);
    }
    out.printf(
        "run %s: sending %s over %s to %s from %d connections, %,d spans a request%s%n",
        names.runId(),
        options.duration() != null
            ? "for " + options.duration().toSeconds() + " s"
            : String.format("%,d spans", options.spans()),
        options.protocol(),
        options.endpoint(),
        options.connections(),
        options.batch(),
        options.rate() > 0
            ? String.format(", at %,.0f spans/s", options.rate())
            : ", at full speed");

    long cpuBefore = processCpuNanos();
    long start = System.nanoTime();
    if (options.duration() != null) {
      deadlineNanos = start + options.duration().toNanos();
    }
    ExecutorService workers =
        Executors.newFixedThreadPool(options.connections(), daemon("loadgen-connection"));
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(daemon("loadgen-progress"));
    ticker.scheduleAtFixedRate(() -> progress(out, start), 5, 5, TimeUnit.SECONDS);
    List<Future<?>> running = new ArrayList<>();
    try {
      for (int i = 0; i < options.connections(); i++) {
        running.add(workers.submit(this::sendLoop));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a connection failed unexpectedly", e.getCause());
    } finally {
      ticker.shutdownNow();
      workers.shutdownNow();
      workers.awaitTermination(10, TimeUnit.SECONDS);
    }
    long cpuNanos = processCpuNanos() - cpuBefore;
    long first = stats.firstSendNanos();
    long lastAck = stats.lastAckNanos();
    double window =
        first == Long.MIN_VALUE || lastAck == Long.MIN_VALUE ? 0 : (lastAck - first) / 1e9;
    long acknowledged = stats.spansAcknowledged.sum();

    Verification verification = null;
    String skipped = null;
    if (!options.verify()) {
      skipped = "--no-verify";
    } else if (acknowledged == 0) {
      skipped = "nothing was acknowledged";
    } else {
      out.printf("checking what was stored through %s ...%n", options.api());
      verification =
          verifier.verify(
              names,
              from,
              stats.llmAcknowledgedLow.sum(),
              stats.llmAcknowledgedHigh.sum(),
              lastAck,
              sample.traces());
    }
    Map<String, LoadReport.Refused> refused = new LinkedHashMap<>();
    stats
        .refusals()
        .forEach(
            (status, r) ->
                refused.put(
                    status, new LoadReport.Refused(r.requests.sum(), r.spans.sum(), r.message)));
    return new LoadReport(
        names.runId(),
        seed,
        names.services(),
        options.protocol().name(),
        options.endpoint().toString(),
        options.connections(),
        options.batch(),
        options.rate(),
        options.contentBytes(),
        stats.spansSent.sum(),
        stats.llmSpansSent.sum(),
        stats.batches.sum(),
        stats.attempts.sum(),
        stats.bytesSent.sum(),
        acknowledged,
        stats.requestsAcknowledged.sum(),
        stats.llmAcknowledgedLow.sum(),
        stats.llmAcknowledgedHigh.sum(),
        stats.spansRejected.sum(),
        stats.spansGivenUp.sum(),
        Map.copyOf(refused),
        window,
        window > 0 ? acknowledged / window : 0,
        cpuNanos / 1e9,
        verification,
        skipped,
        List.copyOf(warnings));
  }

  /**
   * A run id used before on this server (the same --seed again) would count the earlier run's calls
   * too: the check would then report duplicates that are not there. Said up front instead.
   */
  private void preflight(Verifier verifier) throws InterruptedException {
    try {
      long earlier = verifier.storedLlmCalls(names, Instant.now().minus(Duration.ofDays(30)));
      if (earlier > 0) {
        throw new IllegalStateException(
            String.format(
                "run id %s was used before on this server (%,d LLM calls stored under its service"
                    + " names): pass another --run-id, or --no-verify",
                names.runId(), earlier));
      }
    } catch (IOException e) {
      warnings.add("query API before the run: " + e.getMessage());
    }
  }

  private void sendLoop() {
    try (OtlpSender sender = connections.get()) {
      SplittableRandom jitter = new SplittableRandom(seed ^ Thread.currentThread().getId());
      while (!Thread.currentThread().isInterrupted()) {
        long index = nextBatch.getAndIncrement();
        int size;
        if (options.duration() != null) {
          if (System.nanoTime() >= deadlineNanos) {
            return;
          }
          size = options.batch();
        } else {
          long left = options.spans() - index * options.batch();
          if (left <= 0) {
            return;
          }
          size = (int) Math.min(options.batch(), left);
        }
        if (bucket != null) {
          long wait = bucket.reserve(size);
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          if (System.nanoTime() >= deadlineNanos) {
            return;
          }
        }
        Instant now = Instant.now();
        Batch batch =
            generator.batch(index, size, now.getEpochSecond() * 1_000_000_000L + now.getNano());
        send(sender, batch, jitter);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(OtlpSender sender, Batch batch, SplittableRandom jitter)
      throws InterruptedException {
    stats.batches.increment();
    stats.spansSent.add(batch.spans());
    stats.llmSpansSent.add(batch.llmSpans());
    long bytes = batch.request().getSerializedSize();
    for (int attempt = 1; ; attempt++) {
      stats.attempts.increment();
      stats.bytesSent.add(bytes);
      stats.sending(System.nanoTime());
      ExportAnswer answer = sender.export(batch.request());
      if (answer.accepted()) {
        stats.acknowledged(batch, answer.rejectedSpans(), System.nanoTime());
        if (answer.rejectedSpans() == 0) {
          // Only traces known to be whole in storage are worth reading back.
          sample.offer(batch.traces());
        }
        return;
      }
      stats.refused(answer.status(), batch.spans(), answer.message());
      if (!answer.retryable() || attempt >= backoff.maxAttempts()) {
        stats.spansGivenUp.add(batch.spans());
        return;
      }
      Duration delay = backoff.delay(attempt, answer.retryAfter(), jitter);
      TimeUnit.NANOSECONDS.sleep(delay.toNanos());
    }
  }

  private OtlpSender sender() {
    URI endpoint = options.endpoint();
    return switch (options.protocol()) {
      case HTTP -> new HttpOtlpSender(endpoint, options.key());
      case GRPC ->
          new GrpcOtlpSender(
              endpoint.getHost() == null ? "127.0.0.1" : endpoint.getHost(),
              endpoint.getPort() < 0 ? 4317 : endpoint.getPort(),
              options.key());
    };
  }

  private void progress(PrintStream out, long start) {
    double seconds = (System.nanoTime() - start) / 1e9;
    long acked = stats.spansAcknowledged.sum();
    long refusedRequests =
        stats.refusals().values().stream().mapToLong(r -> r.requests.sum()).sum();
    out.printf(
        "  %5.0f s: sent %,d spans, acknowledged %,d (%,.0f spans/s), refused %,d requests%n",
        seconds, stats.spansSent.sum(), acked, acked / Math.max(seconds, 1e-9), refusedRequests);
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
