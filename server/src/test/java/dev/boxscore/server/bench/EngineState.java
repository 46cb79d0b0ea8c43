package dev.boxscore.server.bench;

import java.io.IOException;
import java.net.http.HttpClient;

/**
 * The engine's state around a benchmark: waiting out the merges and mutations a fresh generation
 * leaves, and the size of every table, index and big column, written to the report.
 */
final class EngineState {
  private EngineState() {}

  /**
   * Waits until the engine has no merge or mutation running (at most {@code benchmark.settle}
   * seconds, default 900), so the timings do not share the cores with the background work a fresh
   * generation leaves; reports how long it waited and what remained.
   */
  static void settle(HttpClient http, String url, StringBuilder report)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    String[] busy = {""};
    try {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(Long.getLong("benchmark.settle", 900)))
          .pollInterval(java.time.Duration.ofSeconds(5))
          .until(
              () -> {
                busy[0] =
                    BenchData.sql(
                            http,
                            url,
                            "SELECT (SELECT count() FROM system.merges) + (SELECT count() FROM"
                                + " system.mutations WHERE NOT is_done) FORMAT TabSeparated")
                        .trim();
                return busy[0].equals("0");
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // Timed anyway; the report says what was still running.
    }
    BenchData.line(
        report,
        String.format(
            "waited %.0f s for merges and mutations to finish (%s running)%n",
            (System.nanoTime() - t0) / 1e9, busy[0]));
  }

  /** Rows, parts and bytes of every table; the text and skip indexes and big columns of spans. */
  static void sizes(HttpClient http, String url, StringBuilder report)
      throws IOException, InterruptedException {
    report.append(
        BenchData.sql(
            http,
            url,
            "SELECT table, sum(rows) AS rows, formatReadableSize(sum(bytes_on_disk)) AS on_disk,"
                + " formatReadableSize(sum(data_uncompressed_bytes)) AS uncompressed, count() AS parts"
                + " FROM system.parts WHERE database = 'boxscore' AND active GROUP BY table"
                + " ORDER BY table FORMAT PrettyCompactMonoBlock"));
    report.append(
        BenchData.sql(
            http,
            url,
            "SELECT name, type, formatReadableSize(data_compressed_bytes) AS compressed,"
                + " formatReadableSize(data_uncompressed_bytes) AS uncompressed,"
                + " formatReadableSize(marks_bytes) AS marks FROM system.data_skipping_indices"
                + " WHERE database = 'boxscore' AND table = 'spans' FORMAT PrettyCompactMonoBlock"));
    report.append(
        BenchData.sql(
            http,
            url,
            "SELECT name, formatReadableSize(data_compressed_bytes) AS compressed,"
                + " formatReadableSize(data_uncompressed_bytes) AS uncompressed FROM system.columns"
                + " WHERE database = 'boxscore' AND table = 'spans' AND data_compressed_bytes > 10000000"
                + " ORDER BY data_compressed_bytes DESC FORMAT PrettyCompactMonoBlock"));
    // The index files on disk, whatever system.data_skipping_indices counts.
    report.append(
        BenchData.sql(
            http,
            url,
            "SELECT formatReadableSize(sum(bytes_on_disk)) AS spans_on_disk,"
                + " formatReadableSize(sum(secondary_indices_compressed_bytes)) AS all_skip_indexes,"
                + " formatReadableSize(sum(secondary_indices_marks_bytes)) AS their_marks"
                + " FROM system.parts WHERE database = 'boxscore' AND table = 'spans' AND active"
                + " FORMAT PrettyCompactMonoBlock"));
    System.out.print(report);
  }
}
