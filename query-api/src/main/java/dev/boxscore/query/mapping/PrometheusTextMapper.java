package dev.boxscore.query.mapping;

import dev.boxscore.storage.analytics.CallHistogram;
import dev.boxscore.storage.analytics.TokenSums;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Writes a project's LLM metrics in the Prometheus text exposition format 0.0.4: HELP and TYPE
 * first, then the series in the order given (the service sorts them, so scrapes diff cleanly).
 */
public final class PrometheusTextMapper {
  /** The Content-Type of the answer. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  static final String RETAINED_ROLLUPS =
      " Cumulative over the stored aggregates (kept without expiry); a drop in them reads as a counter"
          + " reset.";
  static final String RETAINED_CALLS =
      " Over the calls still stored (the project's retention): calls leaving it read as a counter reset.";

  private PrometheusTextMapper() {}

  public static String exposition(List<PrometheusSeries> series, List<CallHistogram> histograms) {
    StringBuilder out = new StringBuilder(4096 + 512 * (series.size() + 12 * histograms.size()));
    counter(
        out,
        "boxscore_llm_calls_total",
        "LLM calls." + RETAINED_ROLLUPS,
        series,
        PrometheusSeries::calls);
    counter(
        out,
        "boxscore_llm_errors_total",
        "LLM calls that ended in an error." + RETAINED_ROLLUPS,
        series,
        PrometheusSeries::errors);
    family(
        out,
        "boxscore_llm_tokens_total",
        "counter",
        "Tokens by type; input includes cache_read and cache_write, output includes reasoning."
            + RETAINED_ROLLUPS);
    for (var type : TokenType.values()) {
      for (PrometheusSeries s : series) {
        sample(
            out,
            "boxscore_llm_tokens_total",
            labels(s.service(), s.provider(), s.model()) + ",type=\"" + type.label + "\"",
            Long.toString(type.of.applyAsLong(s.tokens())));
      }
    }
    family(
        out,
        "boxscore_llm_cost_usd_total",
        "counter",
        "Cost in USD, priced now with the project's prices valid on each call's day, as"
            + " /api/v1/metrics; a series with no priced call is absent, a price change re-prices"
            + " history (a lower total reads as a counter reset)."
            + RETAINED_ROLLUPS);
    for (PrometheusSeries s : series) {
      if (s.costUsd() != null) {
        sample(
            out,
            "boxscore_llm_cost_usd_total",
            labels(s.service(), s.provider(), s.model()),
            s.costUsd().toPlainString());
      }
    }
    counter(
        out,
        "boxscore_llm_unpriced_calls_total",
        "LLM calls without a price (unknown model or no token counts): not in the cost."
            + RETAINED_ROLLUPS,
        series,
        PrometheusSeries::unpricedCalls);
    histogram(
        out,
        "boxscore_llm_latency_seconds",
        "LLM call duration." + RETAINED_CALLS,
        histograms,
        h -> true,
        CallHistogram::latency,
        h -> seconds(BigDecimal.valueOf(h.latencySumNanos(), 9)),
        CallHistogram::calls);
    histogram(
        out,
        "boxscore_llm_ttft_seconds",
        "Time to first token of the calls that recorded one." + RETAINED_CALLS,
        histograms,
        h -> h.ttftCalls() > 0,
        CallHistogram::ttft,
        h -> millisAsSeconds(h.ttftSumMillis()),
        CallHistogram::ttftCalls);
    return out.toString();
  }

  private enum TokenType {
    INPUT("input", TokenSums::input),
    OUTPUT("output", TokenSums::output),
    CACHE_READ("cache_read", TokenSums::cacheRead),
    CACHE_WRITE("cache_write", TokenSums::cacheWrite),
    REASONING("reasoning", TokenSums::reasoning);

    final String label;
    final ToLongFunction<TokenSums> of;

    TokenType(String label, ToLongFunction<TokenSums> of) {
      this.label = label;
      this.of = of;
    }
  }

  private static void counter(
      StringBuilder out,
      String name,
      String help,
      List<PrometheusSeries> series,
      ToLongFunction<PrometheusSeries> value) {
    family(out, name, "counter", help);
    for (PrometheusSeries s : series) {
      sample(
          out,
          name,
          labels(s.service(), s.provider(), s.model()),
          Long.toString(value.applyAsLong(s)));
    }
  }

  private static void histogram(
      StringBuilder out,
      String name,
      String help,
      List<CallHistogram> histograms,
      Predicate<CallHistogram> present,
      Function<CallHistogram, long[]> buckets,
      Function<CallHistogram, String> sum,
      ToLongFunction<CallHistogram> count) {
    family(out, name, "histogram", help);
    for (CallHistogram h : histograms) {
      if (!present.test(h)) {
        continue;
      }
      String labels = labels(h.service(), h.provider(), h.model());
      long[] counts = buckets.apply(h);
      for (int i = 0; i < counts.length; i++) {
        sample(
            out,
            name + "_bucket",
            labels + ",le=\"" + le(CallHistogram.BOUNDS.get(i)) + "\"",
            Long.toString(counts[i]));
      }
      String total = Long.toString(count.applyAsLong(h));
      sample(out, name + "_bucket", labels + ",le=\"+Inf\"", total);
      sample(out, name + "_sum", labels, sum.apply(h));
      sample(out, name + "_count", labels, total);
    }
  }

  private static void family(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, String labels, String value) {
    out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
  }

  private static String labels(String service, String provider, String model) {
    return "service=\""
        + escapeLabel(service)
        + "\",provider=\""
        + escapeLabel(provider)
        + "\",model=\""
        + escapeLabel(model)
        + "\"";
  }

  /** A bound in seconds, shortest form: 0.1, 1, 120. */
  static String le(Duration bound) {
    return seconds(BigDecimal.valueOf(bound.toNanos(), 9));
  }

  /** A stored NaN or infinite TTFT would make the sum one: written as the format spells it. */
  static String millisAsSeconds(double millis) {
    if (Double.isNaN(millis)) {
      return "NaN";
    }
    if (Double.isInfinite(millis)) {
      return millis > 0 ? "+Inf" : "-Inf";
    }
    return seconds(BigDecimal.valueOf(millis).movePointLeft(3));
  }

  private static String seconds(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
  }

  /** A label value: backslash, double quote and line feed escaped, as the format requires. */
  static String escapeLabel(String value) {
    return escape(value, true);
  }

  /** HELP text: backslash and line feed escaped. */
  static String escapeHelp(String value) {
    return escape(value, false);
  }

  private static String escape(String value, boolean quote) {
    StringBuilder sb = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String replacement =
          switch (c) {
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '"' -> quote ? "\\\"" : null;
            default -> null;
          };
      if (replacement != null && sb == null) {
        sb = new StringBuilder(value.length() + 8).append(value, 0, i);
      }
      if (sb != null) {
        if (replacement != null) {
          sb.append(replacement);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? value : sb.toString();
  }
}
