package dev.boxscore.otel.ext.bench;

import com.sun.net.httpserver.HttpServer;
import dev.boxscore.simulator.ProviderSimulator;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Per-call overhead of the extension, in one run: each workload ({@code -Dbench.workloads}, default
 * {@code langchain4j,jdk-http}: LangChain4j chat calls, and the same call as raw JSON through the JDK HttpClient;
 * 10,000 timed calls after 2,000 warm-up calls, each a sync chat call to the local provider simulator) in three child
 * JVMs: no agent, stock agent,
 * stock agent + Boxscore extension, repeated in interleaved rounds (a loaded machine drifts); spans go to a local
 * OTLP sink that discards them. Each mode is reported as median latency and as CPU time per call (of the whole child
 * JVM, and of the calling thread alone), with the raw cost of one bare span (the stock agent's HTTP client span: stock
 * agent over no agent) beside it. Then agent start-up (wall time and CPU time of a JVM running an empty main, median
 * of {@code -Dbench.startups}) with and without the extension.
 *
 * <p>Run: {@code ./mvnw -B -pl otel-agent-ext -am verify -DskipTests -Pbenchmark} (see README of the module).
 * Arguments (optional): timed calls, warm-up calls, start-up runs, rounds.
 */
public final class OverheadBenchmark {
  private OverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    // Read once by the JDK HTTP server on first use (the sink below): without it every response waits ~40 ms for
    // the delayed-ACK timer.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int startups = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    String agent = System.getProperty("bench.agent");
    String extension = System.getProperty("bench.extension");
    // optional: an earlier build of the extension, run as a fourth mode for before/after figures in one run
    String baseline = System.getProperty("bench.baseline", "");
    String classPath = applicationClassPath();
    AtomicLong exports = new AtomicLong();
    HttpServer sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    sink.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      exports.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    sink.start();
    String endpoint = "http://127.0.0.1:" + sink.getAddress().getPort();
    System.out.printf("machine: %d cores, %s %s, %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.name"));
    System.out.printf("agent: %s%nextension: %s%n", agent, extension);
    String[] modes = baseline.isEmpty() ? new String[] {"no agent", "stock agent", "stock agent + extension"}
        : new String[] {"no agent", "stock agent", "stock agent + extension", "stock agent + baseline ext."};
    String[] extensions = {null, null, extension, baseline};
    if (!baseline.isEmpty()) {
      System.out.printf("baseline extension: %s%n", baseline);
    }
    // langchain4j: the LangChain4j span (the raw-HTTP layer below it checks and stays out);
    // jdk-http: the same call as raw JSON through the JDK HttpClient, recorded by the raw-HTTP layer
    List<String> workloads = List.of(System.getProperty("bench.workloads", "langchain4j,jdk-http").split(","));
    try (ProviderSimulator sim = ProviderSimulator.builder().threads(4).start()) {
      List<List<String>> flags = new ArrayList<>(List.of(List.of(), agentFlags(agent, null, endpoint),
          agentFlags(agent, extension, endpoint)));
      if (!baseline.isEmpty()) {
        flags.add(agentFlags(agent, baseline, endpoint));
      }
      for (String workload : workloads) {
        // per mode and round: median latency, whole-JVM CPU per call, calling-thread CPU per call
        double[][][] figures = new double[METRICS.length][modes.length][rounds];
        long failures = 0;
        System.out.printf("%n[%s] %d timed sync chat calls per mode and round (%d warm-up), %d rounds with the modes"
            + " interleaved, simulator %s%n", workload, calls, warmup, rounds, sim.openAiBaseUrl());
        for (int round = 0; round < rounds; round++) {
          for (int m = 0; m < modes.length; m++) {
            String result = run(flags.get(m), classPath, BenchmarkClient.class.getName(), sim.openAiBaseUrl(),
                Integer.toString(warmup), Integer.toString(calls), workload).stream()
                .filter(l -> l.startsWith("RESULT")).findFirst().orElse("RESULT missing");
            System.out.printf("round %d  %-26s %s%n", round + 1, modes[m], result.substring("RESULT ".length()));
            for (int k = 0; k < METRICS.length; k++) {
              figures[k][m][round] = figure(result, METRICS[k]);
            }
            failures += (long) figure(result, "failures");
          }
        }
        System.out.printf("%n[%s] median over the rounds, per call:%n", workload);
        System.out.printf("%-26s %12s %12s %16s %14s%n", "mode", "latency us", "CPU us (JVM)", "CPU us (caller)",
            "alloc bytes");
        double[][] overall = new double[METRICS.length][modes.length];
        for (int m = 0; m < modes.length; m++) {
          for (int k = 0; k < METRICS.length; k++) {
            overall[k][m] = median(figures[k][m]);
          }
          System.out.printf("%-26s %12.1f %12.1f %16.1f %14.0f%n", modes[m], overall[0][m], overall[1][m],
              overall[2][m], overall[3][m]);
        }
        System.out.printf("%-26s %+12.1f %+12.1f %+16.1f %+14.0f%n", "stock agent over no agent",
            overall[0][1] - overall[0][0], overall[1][1] - overall[1][0], overall[2][1] - overall[2][0],
            overall[3][1] - overall[3][0]);
        for (int m = 2; m < modes.length; m++) {
          System.out.printf("%-26s %+12.1f %+12.1f %+16.1f %+14.0f%n", (m == 2 ? "extension" : "baseline ext.")
              + " over stock", overall[0][m] - overall[0][1], overall[1][m] - overall[1][1],
              overall[2][m] - overall[2][1], overall[3][m] - overall[3][1]);
        }
        // the raw limit: what one bare span costs in this SDK on this machine (the stock agent's HTTP client span,
        // with its context propagation and export), measured in the same run
        System.out.printf("raw limit, one stock-agent HTTP span: %.1f us CPU (JVM), %.1f us CPU (caller); the"
            + " extension's cost is %.2f such spans (JVM CPU)%n", overall[1][1] - overall[1][0],
            overall[2][1] - overall[2][0],
            (overall[1][2] - overall[1][1]) / Math.max(0.1, overall[1][1] - overall[1][0]));
        System.out.printf("failed calls (all modes and rounds): %d%n", failures);
      }
    } finally {
      sink.stop(0);
    }
    System.out.printf("OTLP export requests received:    %d%n", exports.get());

    System.out.printf("%nstart-up (wall and CPU time of a JVM running an empty main; %d runs per mode, interleaved)%n",
        startups);
    List<String> noExport = List.of("-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
        "-Dotel.logs.exporter=none");
    long[][] millis = new long[modes.length][startups];
    long[][] cpuMillis = new long[modes.length][startups];
    for (int i = 0; i < startups; i++) {
      for (int m = 0; m < modes.length; m++) {
        List<String> startFlags = new ArrayList<>();
        if (m > 0) {
          startFlags.add("-javaagent:" + agent);
          startFlags.addAll(noExport);
          if (extensions[m] != null) {
            startFlags.add("-Dotel.javaagent.extensions=" + extensions[m]);
          }
        }
        long start = System.nanoTime();
        String reported = run(startFlags, classPath, StartupProbe.class.getName()).stream()
            .filter(l -> l.startsWith("STARTUP")).findFirst().orElse("STARTUP missing");
        millis[m][i] = (System.nanoTime() - start) / 1_000_000;
        cpuMillis[m][i] = (long) figure(reported, "cpu_ms");
      }
    }
    long[] startMedian = new long[modes.length];
    long[] cpuMedian = new long[modes.length];
    for (int m = 0; m < modes.length; m++) {
      startMedian[m] = median(millis[m]);
      cpuMedian[m] = median(cpuMillis[m]);
      System.out.printf("%-26s median_ms=%d cpu_median_ms=%d runs=%s cpu_ms=%s%n", modes[m], startMedian[m],
          cpuMedian[m], Arrays.toString(millis[m]), Arrays.toString(cpuMillis[m]));
    }
    for (int m = 2; m < modes.length; m++) {
      System.out.printf("%s start-up cost: %+d ms wall, %+d ms CPU%n", m == 2 ? "extension" : "baseline ext.",
          startMedian[m] - startMedian[1], cpuMedian[m] - cpuMedian[1]);
    }
  }

  /** The figures of a {@code RESULT} line, in the order the summary prints them. */
  private static final String[] METRICS = {"median_us", "cpu_us", "caller_cpu_us", "alloc_bytes"};

  /** {@code name=value} from a result line; NaN when absent. */
  private static double figure(String line, String name) {
    Matcher matcher = Pattern.compile("\\b" + name + "=([0-9.]+)").matcher(line);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static List<String> agentFlags(String agent, String extension, String endpoint) {
    List<String> flags = new ArrayList<>(List.of("-javaagent:" + agent,
        "-Dotel.service.name=bench", "-Dotel.exporter.otlp.protocol=http/protobuf",
        "-Dotel.exporter.otlp.endpoint=" + endpoint, "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none",
        // sized for the burst, so no span is dropped for a full queue
        "-Dotel.bsp.max.queue.size=65536", "-Dotel.bsp.max.export.batch.size=2048",
        "-Dotel.instrumentation.java-http-server.enabled=false"));
    if (extension != null) {
      flags.add("-Dotel.javaagent.extensions=" + extension);
    }
    return flags;
  }

  /** This JVM's class path without the extension's own classes and the agent-provided jars. */
  private static String applicationClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.replace('\\', '/').endsWith("otel-agent-ext/target/classes"))
        .filter(e -> !e.contains("opentelemetry-javaagent-extension-api") && !e.contains("byte-buddy"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static List<String> run(List<String> flags, String classPath, String mainClass, String... args)
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
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
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
