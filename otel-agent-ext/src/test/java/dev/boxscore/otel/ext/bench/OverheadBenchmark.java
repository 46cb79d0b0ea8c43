package dev.boxscore.otel.ext.bench;

import com.sun.net.httpserver.HttpServer;
import dev.boxscore.simulator.ProviderSimulator;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Per-call overhead of the extension, in one run. Each workload ({@code -Dbench.workloads}, see
 * {@link BenchmarkClient}; default {@code langchain4j-replay,okhttp-replay,langchain4j,jdk-http};
 * {@code none} for start-up alone) runs in child JVMs, one per mode: no agent, stock agent, stock
 * agent + one app span per call (the raw limit: the cheapest way to record the call at all), stock
 * agent + Boxscore extension; the modes are interleaved over rounds (a loaded machine drifts),
 * after the simulator is warmed up. Network workloads make 10,000 timed calls after 30,000 warm-up
 * calls; replay workloads ({@code -Dbench.replayCalls}, {@code -Dbench.replayWarmup}) 200,000 after
 * 100,000, as their calls take microseconds and the JIT needs them, each followed by an untimed
 * pause ({@code -Dbench.replayPauseMicros}, 20) so that the exporter keeps up; each round prints
 * the spans exported, the check that it did. Spans go to a local OTLP sink that discards them. Each
 * mode is reported as median latency, CPU time per call (of the whole child JVM, and of the calling
 * thread alone) and bytes allocated per call, with the noise floor beside it (how far the stock
 * agent's rounds spread). Then agent start-up (wall time and CPU time of a JVM running an empty
 * main, median of {@code -Dbench.startups}) with and without the extension.
 *
 * <p>Run: {@code ./mvnw -B -pl otel-agent-ext -am verify -DskipTests -Pbenchmark} (figures and how
 * to read them: BENCHMARKS.md). Arguments (optional): timed calls, warm-up calls, start-up runs,
 * rounds.
 */
public final class OverheadBenchmark {
  private OverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    // Read once by the JDK HTTP server on first use (the sink below): without it every response
    // waits ~40 ms for
    // the delayed-ACK timer.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
    int startups = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    // the replay workload's call costs tens of microseconds: more calls, and a warm-up long enough
    // for the JIT
    int replayCalls = Integer.getInteger("bench.replayCalls", 200_000);
    int replayWarmup = Integer.getInteger("bench.replayWarmup", 100_000);
    // Back to back, replayed calls make spans faster than the OTLP exporter sends them (about
    // 100,000 a second
    // against 60,000 here): the batch processor's queue stays full, drops spans (a different share
    // per mode) and
    // its garbage dominates the CPU figures. A pause after each call (not timed) keeps the rate
    // below that.
    long replayPauseMicros = Long.getLong("bench.replayPauseMicros", 20);
    String agent = System.getProperty("bench.agent");
    String extension = System.getProperty("bench.extension");
    // optional: an earlier build of the extension, run as a fourth mode for before/after figures in
    // one run, or
    // "noop": an extension that instruments nothing (NoopModule)
    String baseline = System.getProperty("bench.baseline", "");
    if (baseline.equals("noop")) {
      baseline = noopExtension().toString();
    }
    String classPath = applicationClassPath();
    AtomicLong exports = new AtomicLong();
    AtomicLong exportedSpans = new AtomicLong();
    HttpServer sink =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    sink.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            ExportTraceServiceRequest request =
                ExportTraceServiceRequest.parseFrom(in.readAllBytes());
            for (ResourceSpans resource : request.getResourceSpansList()) {
              for (ScopeSpans scope : resource.getScopeSpansList()) {
                exportedSpans.addAndGet(scope.getSpansCount());
              }
            }
          }
          exports.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    sink.start();
    String endpoint = "http://127.0.0.1:" + sink.getAddress().getPort();
    System.out.printf(
        "machine: %d cores, %s %s, %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        System.getProperty("os.name"));
    System.out.printf("agent: %s%nextension: %s%n", agent, extension);
    // APP_SPAN: the raw limit, one span per call made by the application through the API
    // (BenchmarkClient)
    String[] modes =
        baseline.isEmpty()
            ? new String[] {
              "no agent", "stock agent", "stock agent + app span", "stock agent + extension"
            }
            : new String[] {
              "no agent",
              "stock agent",
              "stock agent + app span",
              "stock agent + extension",
              "stock agent + baseline ext."
            };
    String[] extensions = {null, null, null, extension, baseline};
    if (!baseline.isEmpty()) {
      System.out.printf("baseline extension: %s%n", baseline);
    }
    // langchain4j: the LangChain4j span (the raw-HTTP layer below it checks and stays out);
    // jdk-http: the same call as raw JSON through the JDK HttpClient, recorded by the raw-HTTP
    // layer
    // "none" measures start-up alone
    List<String> workloads =
        Arrays.stream(System.getProperty("bench.workloads", "langchain4j,jdk-http").split(","))
            .filter(w -> !w.isBlank() && !w.equals("none"))
            .collect(Collectors.toList());
    try (ProviderSimulator sim = ProviderSimulator.builder().threads(4).start()) {
      List<String> appSpan = new ArrayList<>(agentFlags(agent, null, endpoint));
      appSpan.add("-Dbench.appSpan=true");
      List<List<String>> flags =
          new ArrayList<>(
              List.of(
                  List.of(),
                  agentFlags(agent, null, endpoint),
                  appSpan,
                  agentFlags(agent, extension, endpoint)));
      if (!baseline.isEmpty()) {
        flags.add(agentFlags(agent, baseline, endpoint));
      }
      warmUp(sim.openAiBaseUrl());
      for (String workload : workloads) {
        boolean replay = workload.endsWith("-replay");
        int workloadCalls = replay ? replayCalls : calls;
        int workloadWarmup = replay ? replayWarmup : warmup;
        // per mode and round: median latency, whole-JVM CPU per call, calling-thread CPU per call
        double[][][] figures = new double[METRICS.length][modes.length][rounds];
        long failures = 0;
        System.out.printf(
            "%n[%s] %d timed sync chat calls per mode and round (%d warm-up%s), %d rounds with the modes"
                + " interleaved, simulator %s%n",
            workload,
            workloadCalls,
            workloadWarmup,
            replay ? ", a " + replayPauseMicros + " us pause after each call" : "",
            rounds,
            sim.openAiBaseUrl());
        for (int round = 0; round < rounds; round++) {
          for (int m = 0; m < modes.length; m++) {
            long spansBefore = exportedSpans.get();
            List<String> childFlags = new ArrayList<>(flags.get(m));
            if (replay) {
              childFlags.add("-Dbench.pauseMicros=" + replayPauseMicros);
            }
            List<String> output =
                run(
                    childFlags,
                    classPath,
                    BenchmarkClient.class.getName(),
                    sim.openAiBaseUrl(),
                    Integer.toString(workloadWarmup),
                    Integer.toString(workloadCalls),
                    workload);
            String result =
                output.stream()
                    .filter(l -> l.startsWith("RESULT"))
                    .findFirst()
                    .orElse("RESULT missing");
            System.out.printf(
                "round %d  %-26s %s%n", round + 1, modes[m], result.substring("RESULT ".length()));
            // where the JVM's CPU went, per call: which thread kinds, and GC plus JIT ("jvm")
            output.stream()
                .filter(l -> l.startsWith("THREADS "))
                .findFirst()
                .ifPresent(
                    l ->
                        System.out.printf(
                            "          %-26s CPU us by thread: %s%n", "", l.substring(8)));
            // a span exporter that cannot keep up drops spans: this says whether the figures above
            // include that
            System.out.printf(
                "          %-26s spans exported: %d for %d calls%n",
                "", exportedSpans.get() - spansBefore, workloadWarmup + workloadCalls);
            for (int k = 0; k < METRICS.length; k++) {
              figures[k][m][round] = figure(result, METRICS[k]);
            }
            failures += (long) figure(result, "failures");
          }
        }
        System.out.printf("%n[%s] median over the rounds, per call:%n", workload);
        System.out.printf(
            "%-26s %12s %12s %16s %14s%n",
            "mode", "latency us", "CPU us (JVM)", "CPU us (caller)", "alloc bytes");
        double[][] overall = new double[METRICS.length][modes.length];
        for (int m = 0; m < modes.length; m++) {
          for (int k = 0; k < METRICS.length; k++) {
            overall[k][m] = median(figures[k][m]);
          }
          System.out.printf(
              "%-26s %12.1f %12.1f %16.1f %14.0f%n",
              modes[m], overall[0][m], overall[1][m], overall[2][m], overall[3][m]);
        }
        System.out.printf(
            "%-26s %+12.1f %+12.1f %+16.1f %+14.0f%n",
            "stock agent over no agent",
            overall[0][1] - overall[0][0],
            overall[1][1] - overall[1][0],
            overall[2][1] - overall[2][0],
            overall[3][1] - overall[3][0]);
        for (int m = 2; m < modes.length; m++) {
          System.out.printf(
              "%-26s %+12.1f %+12.1f %+16.1f %+14.0f%n",
              OVER_STOCK[m - 2],
              overall[0][m] - overall[0][1],
              overall[1][m] - overall[1][1],
              overall[2][m] - overall[2][1],
              overall[3][m] - overall[3][1]);
        }
        // the raw limit: what one span with the same attributes costs when the application makes it
        // itself through
        // the API (start, attributes, context, end, export), measured in the same run
        double appSpanCpu = overall[1][2] - overall[1][1];
        System.out.printf(
            "raw limit, one app span over stock: %+.1f us latency, %+.1f us CPU (JVM); the extension"
                + " costs %.2f such spans (JVM CPU)%n",
            overall[0][2] - overall[0][1],
            appSpanCpu,
            (overall[1][3] - overall[1][1]) / Math.max(0.1, appSpanCpu));
        // the noise floor: how far one mode's rounds spread (the stock agent's, latency and JVM
        // CPU)
        System.out.printf(
            "noise floor, spread of the stock agent's rounds: %.1f us latency, %.1f us CPU (JVM)%n",
            spread(figures[0][1]), spread(figures[1][1]));
        System.out.printf("failed calls (all modes and rounds): %d%n", failures);
      }
    } finally {
      sink.stop(0);
    }
    System.out.printf("OTLP export requests received:    %d%n", exports.get());

    System.out.printf(
        "%nstart-up (wall and CPU time of a JVM running an empty main; %d runs per mode, interleaved)%n",
        startups);
    List<String> noExport =
        List.of(
            "-Dotel.traces.exporter=none",
            "-Dotel.metrics.exporter=none",
            "-Dotel.logs.exporter=none");
    long[][] millis = new long[modes.length][startups];
    long[][] cpuMillis = new long[modes.length][startups];
    long[][] mainCpuMillis = new long[modes.length][startups];
    for (int i = 0; i < startups; i++) {
      for (int m = 0; m < modes.length; m++) {
        if (m == 2) {
          continue; // the app span changes nothing at start-up
        }
        List<String> startFlags = new ArrayList<>();
        if (m > 0) {
          startFlags.add("-javaagent:" + agent);
          startFlags.addAll(noExport);
          if (extensions[m] != null) {
            startFlags.add("-Dotel.javaagent.extensions=" + extensions[m]);
          }
        }
        long start = System.nanoTime();
        String reported =
            run(startFlags, classPath, StartupProbe.class.getName()).stream()
                .filter(l -> l.startsWith("STARTUP"))
                .findFirst()
                .orElse("STARTUP missing");
        millis[m][i] = (System.nanoTime() - start) / 1_000_000;
        cpuMillis[m][i] = (long) figure(reported, "cpu_ms");
        mainCpuMillis[m][i] = (long) figure(reported, "main_cpu_ms");
      }
    }
    long[] startMedian = new long[modes.length];
    long[] cpuMedian = new long[modes.length];
    long[] mainCpuMedian = new long[modes.length];
    for (int m = 0; m < modes.length; m++) {
      if (m == 2) {
        continue;
      }
      startMedian[m] = median(millis[m]);
      cpuMedian[m] = median(cpuMillis[m]);
      mainCpuMedian[m] = median(mainCpuMillis[m]);
      System.out.printf(
          "%-26s median_ms=%d cpu_median_ms=%d main_cpu_median_ms=%d runs=%s cpu_ms=%s main_cpu_ms=%s%n",
          modes[m],
          startMedian[m],
          cpuMedian[m],
          mainCpuMedian[m],
          Arrays.toString(millis[m]),
          Arrays.toString(cpuMillis[m]),
          Arrays.toString(mainCpuMillis[m]));
    }
    for (int m = 3; m < modes.length; m++) {
      long[] wall = bootstrapInterval(millis[1], millis[m]);
      long[] cpu = bootstrapInterval(cpuMillis[1], cpuMillis[m]);
      long[] mainCpu = bootstrapInterval(mainCpuMillis[1], mainCpuMillis[m]);
      System.out.printf(
          "%s start-up cost: %+d ms wall (95%% interval %+d..%+d ms), %+d ms CPU (%+d..%+d ms), "
              + "%+d ms main-thread CPU (%+d..%+d ms)%n",
          m == 3 ? "extension" : "baseline ext.",
          startMedian[m] - startMedian[1],
          wall[0],
          wall[1],
          cpuMedian[m] - cpuMedian[1],
          cpu[0],
          cpu[1],
          mainCpuMedian[m] - mainCpuMedian[1],
          mainCpu[0],
          mainCpu[1]);
    }
  }

  /** A jar with {@link NoopModule} alone, the baseline of any extension (see there). */
  static Path noopExtension() throws IOException {
    Path jar = Files.createTempFile("noop-extension", ".jar");
    jar.toFile().deleteOnExit();
    String entry = NoopModule.class.getName().replace('.', '/') + ".class";
    try (InputStream classFile = NoopModule.class.getClassLoader().getResourceAsStream(entry);
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(entry));
      classFile.transferTo(out);
      out.putNextEntry(new JarEntry("META-INF/services/" + InstrumentationModule.class.getName()));
      out.write((NoopModule.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  private static final String[] OVER_STOCK = {
    "app span over stock", "extension over stock", "baseline ext. over stock"
  };

  /**
   * Calls to the simulator before the first timed mode: otherwise the first child meets a cold
   * simulator (its JIT, its thread pool) and the mode that runs first in round 1 looks slower than
   * it is.
   */
  private static void warmUp(String baseUrl) {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = BenchmarkClient.chatRequest(baseUrl);
    for (int i = 0; i < 5_000; i++) {
      BenchmarkClient.send(client, request);
    }
  }

  /**
   * A 95% percentile-bootstrap interval of median(b) − median(a): one mode's start-up spreads over
   * hundreds of milliseconds here, so the difference of two medians alone says little; the interval
   * says what it rules out.
   */
  static long[] bootstrapInterval(long[] a, long[] b) {
    java.util.Random random = new java.util.Random(42);
    long[] differences = new long[10_000];
    long[] sampleA = new long[a.length];
    long[] sampleB = new long[b.length];
    for (int i = 0; i < differences.length; i++) {
      for (int j = 0; j < a.length; j++) {
        sampleA[j] = a[random.nextInt(a.length)];
      }
      for (int j = 0; j < b.length; j++) {
        sampleB[j] = b[random.nextInt(b.length)];
      }
      differences[i] = median(sampleB) - median(sampleA);
    }
    Arrays.sort(differences);
    return new long[] {differences[249], differences[9_749]};
  }

  private static double spread(double[] values) {
    return Arrays.stream(values).max().orElse(0) - Arrays.stream(values).min().orElse(0);
  }

  /** The figures of a {@code RESULT} line, in the order the summary prints them. */
  private static final String[] METRICS = {"median_us", "cpu_us", "caller_cpu_us", "alloc_bytes"};

  /** {@code name=value} from a result line; NaN when absent. */
  static double figure(String line, String name) {
    Matcher matcher = Pattern.compile("\\b" + name + "=(-?[0-9.]+)").matcher(line);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static List<String> agentFlags(String agent, String extension, String endpoint) {
    List<String> flags =
        new ArrayList<>(
            List.of(
                "-javaagent:" + agent,
                "-Dotel.service.name=bench",
                "-Dotel.exporter.otlp.protocol=http/protobuf",
                "-Dotel.exporter.otlp.endpoint=" + endpoint,
                "-Dotel.metrics.exporter=none",
                "-Dotel.logs.exporter=none",
                // sized for the burst, so no span is dropped for a full queue
                "-Dotel.bsp.max.queue.size=65536",
                "-Dotel.bsp.max.export.batch.size=2048",
                "-Dotel.instrumentation.java-http-server.enabled=false"));
    if (extension != null) {
      flags.add("-Dotel.javaagent.extensions=" + extension);
    }
    return flags;
  }

  /** This JVM's class path without the extension's own classes and the agent-provided jars. */
  static String applicationClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.replace('\\', '/').endsWith("otel-agent-ext/target/classes"))
        .filter(
            e -> !e.contains("opentelemetry-javaagent-extension-api") && !e.contains("byte-buddy"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  static List<String> run(List<String> flags, String classPath, String mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    command.addAll(flags);
    command.add("-Dsun.net.httpserver.nodelay=true");
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
    }
    if (process.waitFor() != 0) {
      throw new IllegalStateException("child failed: " + String.join("\n", lines));
    }
    return lines;
  }
}
