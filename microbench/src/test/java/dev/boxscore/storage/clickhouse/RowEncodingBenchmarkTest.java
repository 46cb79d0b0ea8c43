package dev.boxscore.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.data_formats.RowBinaryFormatReader;
import com.clickhouse.client.api.data_formats.internal.BinaryStreamReader;
import com.clickhouse.client.api.query.QuerySettings;
import dev.boxscore.microbench.BenchInput;
import dev.boxscore.microbench.TestBlackhole;
import dev.boxscore.storage.SpanRow;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RowEncodingBenchmark's setup and one invocation of each step: a row per span with the LLM columns
 * filled, and a RowBinary body that reads back, row by row, as the rows it was written from.
 */
class RowEncodingBenchmarkTest {
  @ParameterizedTest(name = "content bytes {0}")
  @ValueSource(strings = {"0", BenchInput.CONTENT_BYTES})
  void rowsAreTheRequestsSpansWithTheirLlmCalls(int contentBytes) {
    RowEncodingBenchmark benchmark = new RowEncodingBenchmark();
    benchmark.contentBytes = contentBytes;
    benchmark.setUp();
    benchmark.rows(TestBlackhole.create());

    List<SpanRow> rows = benchmark.rows;
    assertThat(rows).hasSize(BenchInput.SPANS);
    List<SpanRow> llm = rows.stream().filter(SpanRow::isLlm).toList();
    // The generator makes about 40 % of spans model calls; 2 % of those fail without usage.
    assertThat(llm).hasSizeGreaterThan(BenchInput.SPANS / 4);
    assertThat(llm).allMatch(r -> !r.requestModel().isEmpty());
    List<SpanRow> answered = llm.stream().filter(SpanRow::usageReported).toList();
    assertThat(answered).hasSizeGreaterThan(llm.size() * 9 / 10);
    assertThat(answered).allMatch(r -> r.inputTokens() > 0);
    // Priced from the built-in catalog, but for the generator's one unlisted model.
    assertThat(answered.stream().filter(r -> r.costUsd() != null).count())
        .isGreaterThan(answered.size() / 2);
    if (contentBytes > 0) {
      assertThat(answered).allMatch(r -> !r.llmInput().isEmpty() && !r.llmOutput().isEmpty());
    } else {
      assertThat(llm).allMatch(r -> r.llmInput().isEmpty());
    }
  }

  @ParameterizedTest(name = "content bytes {0}")
  @ValueSource(strings = {"0", BenchInput.CONTENT_BYTES})
  void serializedBodyReadsBackAsTheRows(int contentBytes) throws Exception {
    RowEncodingBenchmark benchmark = new RowEncodingBenchmark();
    benchmark.contentBytes = contentBytes;
    benchmark.setUp();

    int bytes = benchmark.serialize();

    assertThat(bytes).isEqualTo(benchmark.body.size()).isGreaterThan(BenchInput.SPANS * 100);
    QuerySettings settings = new QuerySettings();
    settings.setUseTimeZone(TimeZone.getTimeZone("UTC").getID());
    RowBinaryFormatReader reader =
        new RowBinaryFormatReader(
            new ByteArrayInputStream(benchmark.body.toByteArray()),
            settings,
            benchmark.schema,
            new BinaryStreamReader.DefaultByteBufferAllocator());
    int read = 0;
    for (SpanRow row : benchmark.rows) {
      assertThat(reader.hasNext()).isTrue();
      reader.next();
      assertThat(reader.getString("trace_id")).isEqualTo(row.traceId());
      assertThat(reader.getString("span_id")).isEqualTo(row.spanId());
      assertThat(reader.getString("request_model")).isEqualTo(row.requestModel());
      assertThat(reader.getLong("input_tokens")).isEqualTo(row.inputTokens());
      assertThat(reader.getString("llm_output")).isEqualTo(row.llmOutput());
      assertThat(reader.getInteger("retention_days"))
          .isEqualTo(RowEncodingBenchmark.RETENTION_DAYS);
      read++;
    }
    assertThat(reader.hasNext()).isFalse();
    assertThat(read).isEqualTo(BenchInput.SPANS);
  }
}
