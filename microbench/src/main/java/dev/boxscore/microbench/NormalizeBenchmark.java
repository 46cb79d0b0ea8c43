package dev.boxscore.microbench;

import dev.boxscore.model.LlmCall;
import dev.boxscore.model.normalize.LlmSpanNormalizer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest reading the LLM call out of one chat span's attributes, per dialect, with and without
 * captured content (about 2 KB: system prompt, question, answer). One span an operation, so the
 * score is spans per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NormalizeBenchmark {
  @Param({
    DialectSpans.SEMCONV_NEW,
    DialectSpans.SEMCONV_OLD,
    DialectSpans.OPENINFERENCE,
    DialectSpans.OPENLLMETRY,
    DialectSpans.LEGACY_PROMPT_N
  })
  public String dialect;

  @Param({"false", "true"})
  public boolean content;

  final LlmSpanNormalizer normalizer = new LlmSpanNormalizer();
  DialectSpans.Span span;

  @Setup
  public void setUp() {
    span = DialectSpans.of(dialect, content);
  }

  @Benchmark
  public Optional<LlmCall> normalize() {
    return normalizer.normalize(
        span.name(), span.startTimeUnixNano(), span.attributes(), span.events());
  }
}
