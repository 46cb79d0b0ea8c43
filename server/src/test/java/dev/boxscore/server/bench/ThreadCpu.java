package dev.boxscore.server.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time of a process's threads from {@code /proc/<pid>/task}, by thread name, so that a
 * benchmark can say which role and stage of the one-machine server spent it. Thread names are what
 * the kernel keeps (15 characters); digits are folded, so a pool's threads add up. Threads that
 * ended between two samples are lost to the difference: the pools measured here live as long as the
 * process.
 */
final class ThreadCpu {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  /** Where a thread's work belongs, by its name; the first rule that matches wins. */
  static final List<Map.Entry<String, Pattern>> STAGES =
      List.of(
          // Quarkus's worker pool runs the collector's OTLP/HTTP export (decode, validate, split,
          // publish) and the query API's blocking endpoints; the event loops parse HTTP.
          stage("collector: OTLP decode, validate, split (HTTP)", "^executor-thread|^vert\\.x-"),
          stage("collector: OTLP/gRPC", "^grpc-"),
          stage("collector: Kafka producer", "^kafka-producer"),
          stage("ingest: consume, rows, gate, encode", "^boxscore-ingest"),
          // chDB runs a statement on the thread that calls it: the embedded adapter's HTTP threads
          // carry the insert, its views and the look-ups, not just the Java around them.
          stage("engine: statements (adapter threads)", "^boxscore-clickh"),
          stage(
              "engine: chDB pools (parallel work, merges)",
              "^ThreadPool|^MergeMutate|^BgSchPool|^BgMBSchPool|^BgDistSchPool|^QueryPipeline|"
                  + "^QueryPullPipe|^SystemLogFlush|^AsyncMetrics|^Segmentator|^Formatter|"
                  + "^IOThreadPool|^ActiveParts|^MergeTree|^Fetch|^Insert|^TCPHandler"),
          stage(
              "Kafka broker (embedded)",
              "^data-plane|^kafka-|^ExpirationReaper|^broker-|^controller-|^raft-|^quorum|"
                  + "^LogCleaner|^ReplicaFetcher|^group-coordina|^transaction-|^share-|"
                  + "^TxnMarkerSend|^executor-|^metrics-|^k[a-z]*-"),
          stage("JVM: GC", "^GC Thread|^G# |^VM Thread|^VM Periodic"),
          stage("JVM: JIT compilers", "^C# Compiler"),
          stage("other (query API background, timers)", ".*"));

  private final Map<String, Long> ticksByName;

  private ThreadCpu(Map<String, Long> ticksByName) {
    this.ticksByName = ticksByName;
  }

  private static Map.Entry<String, Pattern> stage(String name, String regex) {
    return Map.entry(name, Pattern.compile(regex));
  }

  static ThreadCpu sample(long pid) throws IOException {
    Map<String, Long> ticks = new HashMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", "" + pid, "task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException ended) {
          continue;
        }
        // "tid (comm) state ..." where comm may hold spaces and parentheses: cut at the last ')'.
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String name = DIGITS.matcher(stat.substring(open + 1, close)).replaceAll("#");
        String[] fields = stat.substring(close + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        ticks.merge(name, used, Long::sum);
      }
    }
    return new ThreadCpu(ticks);
  }

  /** CPU seconds by thread name spent since {@code before}. */
  Map<String, Double> since(ThreadCpu before) {
    Map<String, Double> seconds = new HashMap<>();
    ticksByName.forEach(
        (name, ticks) -> {
          long delta = ticks - before.ticksByName.getOrDefault(name, 0L);
          if (delta > 0) {
            seconds.put(name, delta / TICKS_PER_SECOND);
          }
        });
    return seconds;
  }

  /** Those seconds added up by {@link #STAGES}, in the order of the stages. */
  static Map<String, Double> byStage(Map<String, Double> secondsByName) {
    Map<String, Double> byStage = new LinkedHashMap<>();
    STAGES.forEach(s -> byStage.put(s.getKey(), 0.0));
    secondsByName.forEach(
        (name, seconds) -> {
          for (Map.Entry<String, Pattern> stage : STAGES) {
            if (stage.getValue().matcher(name).find()) {
              byStage.merge(stage.getKey(), seconds, Double::sum);
              return;
            }
          }
        });
    return byStage;
  }
}
