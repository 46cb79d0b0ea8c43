package dev.boxscore.server;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Generated LLM calls of known ground truth, written with the real span writer, and the analytics
 * API read back as JSON (numbers as BigDecimal, so costs compare exactly): what the analytics and
 * drift API tests share.
 */
final class GeneratedCalls {
  /**
   * Generated traffic is dated months back: keep it beyond the default 30-day retention (a project
   * setting).
   */
  static final ToIntFunction<String> HISTORIC = project -> 3650;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private GeneratedCalls() {}

  /**
   * {@code n} calls of the project, {@code step} apart from {@code start}, each shaped by {@code
   * shape}.
   */
  static void write(
      ClickHouseStorage storage,
      String project,
      int n,
      Instant start,
      Duration step,
      Consumer<LlmRow> shape) {
    List<SpanRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LlmRow row = new LlmRow(project, start.plus(step.multipliedBy(i)));
      shape.accept(row);
      rows.add(row.row());
    }
    storage.spanWriter(HISTORIC).write(rows);
  }

  /** A request with the bootstrap project's key. */
  static RequestSpecification api() {
    return given().auth().oauth2(EmbeddedInfrastructure.API_KEY);
  }

  /** The JSON of a 200 answer. */
  static JsonNode get(String path, Map<String, String> params) {
    String body = api().queryParams(params).get(path).then().statusCode(200).extract().asString();
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(body, e);
    }
  }

  /** A metrics row's cost in USD. */
  static BigDecimal usd(JsonNode row) {
    return row.path("cost").path("usd").decimalValue();
  }
}
