package dev.boxscore.query.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.storage.analytics.CallHistogram;
import dev.boxscore.storage.analytics.TokenSums;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextMapperTest {
  private static final long[] NONE = new long[CallHistogram.BOUNDS.size()];

  @Test
  void labelValuesEscapeBackslashQuoteAndLineFeedOnly() {
    assertThat(PrometheusTextMapper.escapeLabel("a\\b\"c\nd\te}{,="))
        .isEqualTo("a\\\\b\\\"c\\nd\te}{,=");
    assertThat(PrometheusTextMapper.escapeHelp("say \"x\"\\\n")).isEqualTo("say \"x\"\\\\\\n");
    assertThat(PrometheusTextMapper.escapeLabel("gpt-4o")).isSameAs("gpt-4o");
  }

  @Test
  void boundsAreWrittenInTheirShortestForm() {
    assertThat(CallHistogram.BOUNDS.stream().map(PrometheusTextMapper::le))
        .containsExactly("0.1", "0.25", "0.5", "1", "2", "5", "10", "30", "60", "120");
  }

  @Test
  void aTtftSumInMillisecondsIsWrittenInSecondsAndNeverFailsTheScrape() {
    assertThat(PrometheusTextMapper.millisAsSeconds(780.0)).isEqualTo("0.78");
    assertThat(PrometheusTextMapper.millisAsSeconds(1_500_000)).isEqualTo("1500");
    assertThat(PrometheusTextMapper.millisAsSeconds(Double.NaN)).isEqualTo("NaN");
    assertThat(PrometheusTextMapper.millisAsSeconds(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
  }

  @Test
  void anUnpricedSeriesHasNoCostAndACallWithoutTtftNoTtftHistogram() {
    String text =
        PrometheusTextMapper.exposition(
            List.of(
                new PrometheusSeries(
                    "svc",
                    "openai",
                    "gpt-4o",
                    2,
                    1,
                    new TokenSums(10, 5, 2, 0, 1),
                    new BigDecimal("0.000125"),
                    0),
                new PrometheusSeries("svc", "acme", "x\"y", 1, 0, TokenSums.ZERO, null, 1)),
            List.of(
                new CallHistogram(
                    "svc",
                    "openai",
                    "gpt-4o",
                    2,
                    new long[] {0, 1, 1, 2, 2, 2, 2, 2, 2, 2},
                    1_250_000_000L,
                    0,
                    NONE,
                    0)));
    assertThat(text)
        .contains(
            "boxscore_llm_cost_usd_total{service=\"svc\",provider=\"openai\",model=\"gpt-4o\"} 0.000125\n")
        .doesNotContain("boxscore_llm_cost_usd_total{service=\"svc\",provider=\"acme\"")
        .contains(
            "boxscore_llm_unpriced_calls_total{service=\"svc\",provider=\"acme\",model=\"x\\\"y\"} 1\n")
        .contains(
            "boxscore_llm_tokens_total{service=\"svc\",provider=\"openai\",model=\"gpt-4o\",type=\"cache_read\"} 2\n")
        .contains(
            "boxscore_llm_latency_seconds_bucket{service=\"svc\",provider=\"openai\",model=\"gpt-4o\",le=\"+Inf\"} 2\n")
        .contains(
            "boxscore_llm_latency_seconds_sum{service=\"svc\",provider=\"openai\",model=\"gpt-4o\"} 1.25\n")
        .contains("# TYPE boxscore_llm_ttft_seconds histogram\n")
        .doesNotContain("boxscore_llm_ttft_seconds_count")
        .endsWith("\n");
  }
}
