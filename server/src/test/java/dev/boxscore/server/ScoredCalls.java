package dev.boxscore.server;

import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import dev.boxscore.storage.scores.JudgedCall;
import dev.boxscore.storage.scores.Score;
import dev.boxscore.storage.scores.ScoreDataType;
import dev.boxscore.storage.scores.ScoreSource;
import dev.boxscore.storage.scores.ScoreTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Generated LLM calls with their scores, written with the real span writer and score store: each
 * score names its call, so it is stored resolved (with the call's service, model, prompt version)
 * as a score sent with its call is.
 */
final class ScoredCalls {
  private ScoredCalls() {}

  /** A score's name and value before it is attached to its call. */
  record Value(String name, ScoreDataType type, Double value, String label) {
    static Value numeric(String name, double v) {
      return new Value(name, ScoreDataType.NUMERIC, v, "");
    }

    static Value bool(String name, boolean v) {
      return new Value(name, ScoreDataType.BOOLEAN, v ? 1.0 : 0.0, Boolean.toString(v));
    }

    static Value category(String name, String label) {
      return new Value(name, ScoreDataType.CATEGORICAL, null, label);
    }
  }

  /**
   * {@code n} calls {@code step} apart from {@code start}, shaped by {@code shape}, each with the
   * scores {@code scores} gives it.
   */
  static void write(
      ClickHouseStorage storage,
      String project,
      int n,
      Instant start,
      Duration step,
      Consumer<LlmRow> shape,
      Function<LlmRow, List<Value>> scores) {
    List<LlmRow> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LlmRow row = new LlmRow(project, start.plus(step.multipliedBy(i)));
      shape.accept(row);
      calls.add(row);
    }
    write(storage, project, calls, scores);
  }

  /** The calls and their scores. */
  static void write(
      ClickHouseStorage storage,
      String project,
      List<LlmRow> calls,
      Function<LlmRow, List<Value>> scores) {
    List<SpanRow> rows = new ArrayList<>();
    List<Score> out = new ArrayList<>();
    for (LlmRow call : calls) {
      SpanRow row = call.row();
      rows.add(row);
      JudgedCall judged =
          new JudgedCall(
              call.start,
              row.spanId(),
              call.service,
              call.provider,
              call.requestModel,
              call.responseModel,
              "",
              call.promptVersion,
              "");
      for (Value v : scores.apply(call)) {
        out.add(
            new Score(
                UUID.randomUUID().toString(),
                ScoreTarget.SPAN,
                row.traceId(),
                row.spanId(),
                "",
                "",
                v.name(),
                v.type(),
                v.value(),
                v.label(),
                "",
                ScoreSource.API,
                "test",
                "",
                call.start.plusSeconds(1),
                judged));
      }
    }
    storage.spanWriter(GeneratedCalls.HISTORIC).write(rows);
    storage.scoreStore(GeneratedCalls.HISTORIC).write(project, out);
  }
}
