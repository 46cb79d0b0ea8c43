package dev.boxscore.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's figures: what was sent, acknowledged, refused (by status) and given up, the acknowledged
 * rate over the send window, the client's CPU, and what the check found stored ({@code
 * verification}; null when it did not run, {@code verificationSkipped} says why).
 *
 * <p>{@code clientCpuSeconds} is the whole JVM's CPU over the send window: the generator's own when
 * it runs as {@code ./boxscore load}, everything in the process when it runs as a library.
 */
public record LoadReport(
    String runId,
    long seed,
    List<String> services,
    String protocol,
    String endpoint,
    int connections,
    int batch,
    double rate,
    int contentBytes,
    long spansSent,
    long llmSpansSent,
    long requestsSent,
    long attempts,
    long bytesSent,
    long spansAcknowledged,
    long requestsAcknowledged,
    long llmAcknowledgedLow,
    long llmAcknowledgedHigh,
    long spansRejected,
    long spansGivenUp,
    Map<String, Refused> refused,
    double sendSeconds,
    double acknowledgedPerSecond,
    double clientCpuSeconds,
    Verification verification,
    String verificationSkipped,
    List<String> warnings) {

  /** Exit codes of {@code ./boxscore load}. */
  public static final int OK = 0;

  public static final int STORED_DIFFERS = 1;
  public static final int NOTHING_ACKNOWLEDGED = 3;
  public static final int CHECK_FAILED = 4;

  /** Requests and spans refused with one status, and the first message that came with it. */
  public record Refused(long requests, long spans, String message) {}

  /** Refused requests with {@code status} ({@code "401"}, {@code "grpc UNAVAILABLE"}, ...). */
  public long refusedRequests(String status) {
    Refused r = refused.get(status);
    return r == null ? 0 : r.requests();
  }

  /** Every acknowledged span stored exactly once, as far as the check could see. */
  public boolean storedMatchesAcknowledged() {
    return verification != null && verification.ok();
  }

  public int exitCode() {
    if (spansAcknowledged == 0) {
      return NOTHING_ACKNOWLEDGED;
    }
    if (verification == null) {
      return OK;
    }
    if (verification.error() != null) {
      return CHECK_FAILED;
    }
    return verification.ok() ? OK : STORED_DIFFERS;
  }

  public String toText() {
    StringBuilder s = new StringBuilder();
    line(s, "run", runId + " (seed " + seed + "), services " + String.join(", ", services));
    line(
        s,
        "sent",
        String.format(
            Locale.ROOT,
            "%,d spans (%,d LLM calls) in %,d requests over %s to %s from %d connections, %,d attempts, %.1f MB",
            spansSent,
            llmSpansSent,
            requestsSent,
            protocol,
            endpoint,
            connections,
            attempts,
            bytesSent / 1e6));
    line(
        s,
        "acknowledged",
        String.format(
            Locale.ROOT,
            "%,d spans (%s LLM calls) in %,d requests%s",
            spansAcknowledged,
            llmAcknowledgedLow == llmAcknowledgedHigh
                ? String.format(Locale.ROOT, "%,d", llmAcknowledgedLow)
                : String.format(Locale.ROOT, "%,d to %,d", llmAcknowledgedLow, llmAcknowledgedHigh),
            requestsAcknowledged,
            spansRejected > 0
                ? String.format(
                    Locale.ROOT, "; %,d spans rejected in partial successes", spansRejected)
                : ""));
    if (refused.isEmpty()) {
      line(s, "refused", "none");
    }
    refused.forEach(
        (status, r) ->
            line(
                s,
                "refused " + status,
                String.format(
                    Locale.ROOT,
                    "%,d requests (%,d spans)%s",
                    r.requests(),
                    r.spans(),
                    r.message() == null || r.message().isBlank()
                        ? ""
                        : ": " + abbreviate(r.message().strip(), 160))));
    if (spansGivenUp > 0) {
      line(
          s,
          "given up",
          String.format(
              Locale.ROOT, "%,d spans (not retried, or refused on every attempt)", spansGivenUp));
    }
    line(
        s,
        "rate",
        spansAcknowledged == 0
            ? "none acknowledged"
            : String.format(
                Locale.ROOT,
                "%,.0f spans/s acknowledged over %.1f s (first request to last acknowledgement)",
                acknowledgedPerSecond,
                sendSeconds));
    line(
        s,
        "client CPU",
        String.format(
            Locale.ROOT,
            "%.1f s (%.0f %% of one core over the send window)",
            clientCpuSeconds,
            sendSeconds > 0 ? 100 * clientCpuSeconds / sendSeconds : 0));
    if (verification == null) {
      line(s, "stored", "not checked: " + verificationSkipped);
    } else if (verification.error() != null) {
      line(s, "stored", "check failed: " + verification.error());
    } else {
      CountCheck c = verification.llmCalls();
      line(
          s,
          "stored LLM calls",
          String.format(
              Locale.ROOT,
              "%,d of %s acknowledged%s",
              c.stored(),
              c.expectedLow() == c.expectedHigh()
                  ? String.format(Locale.ROOT, "%,d", c.expectedLow())
                  : String.format(Locale.ROOT, "%,d to %,d", c.expectedLow(), c.expectedHigh()),
              c.ok()
                  ? " (exactly once)"
                  : c.lost() > 0
                      ? String.format(Locale.ROOT, " (%,d LOST)", c.lost())
                      : String.format(Locale.ROOT, " (%,d DUPLICATES)", c.excess())));
      line(
          s,
          "stored traces",
          String.format(
              Locale.ROOT,
              "%,d of %,d sampled traces exactly as sent (%,d of %,d spans; %,d missing, %,d duplicated, %,d unexpected)",
              verification.tracesComplete(),
              verification.tracesChecked(),
              verification.spansFound(),
              verification.spansExpected(),
              verification.spansMissing(),
              verification.spansDuplicated(),
              verification.spansUnexpected()));
      line(
          s,
          "drain time",
          verification.drainMillis() == null
              ? "storage did not catch up"
              : String.format(
                  Locale.ROOT,
                  "%.1f s from the last acknowledgement until stored matched",
                  verification.drainMillis() / 1000.0));
    }
    for (String w : warnings) {
      line(s, "warning", w);
    }
    line(
        s,
        "result",
        switch (exitCode()) {
          case OK -> verification == null ? "sent (not checked)" : "OK: stored = acknowledged";
          case NOTHING_ACKNOWLEDGED -> "FAILED: nothing was acknowledged";
          case CHECK_FAILED -> "FAILED: the check could not read the query API";
          default -> "FAILED: stored ≠ acknowledged";
        });
    return s.toString();
  }

  private static void line(StringBuilder s, String label, String value) {
    s.append(String.format(Locale.ROOT, "%-17s %s%n", label + ":", value));
  }

  private static String abbreviate(String text, int max) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
  }

  /** The same figures as JSON, for a benchmark to read. */
  public void writeJson(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.valueToTree(this);
    root.put("exitCode", exitCode());
    root.put("storedMatchesAcknowledged", storedMatchesAcknowledged());
    if (verification != null && verification.llmCalls() != null) {
      ObjectNode calls = (ObjectNode) root.path("verification").path("llmCalls");
      calls.put("lost", verification.llmCalls().lost());
      calls.put("excess", verification.llmCalls().excess());
      calls.put("ok", verification.llmCalls().ok());
      ((ObjectNode) root.path("verification")).put("ok", verification.ok());
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    mapper.writeValue(file.toFile(), root);
  }
}
