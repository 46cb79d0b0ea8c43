package dev.boxscore.model.pricing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The price list file format: what the built-in catalog is loaded from. */
final class PriceListJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private PriceListJson() {}

  /**
   * Reads prices in the built-in file's JSON format: {@code
   * {"prices":[{"provider","model","anyProvider",
   * "input","output","cacheRead","cacheWrite","reasoning","effectiveFrom","source"}]}}; prices are
   * USD per 1M tokens, null/absent optional prices fall back as described in {@link ModelPrice}.
   *
   * @throws IllegalArgumentException naming the entry and field when the content is invalid
   */
  static List<ModelPrice> read(InputStream json) throws IOException {
    JsonNode root = MAPPER.readTree(json);
    JsonNode rows = root == null ? null : root.get("prices");
    if (rows == null || !rows.isArray()) {
      throw new IllegalArgumentException("prices: expected an array");
    }
    List<ModelPrice> prices = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      prices.add(parse(rows.get(i), "prices[" + i + "]"));
    }
    return prices;
  }

  private static ModelPrice parse(JsonNode row, String where) {
    if (row == null || !row.isObject()) {
      throw new IllegalArgumentException(where + ": expected an object");
    }
    try {
      return new ModelPrice(
          requiredText(row, "provider", where),
          requiredText(row, "model", where),
          row.path("anyProvider").asBoolean(false),
          decimal(row, "input", where, true),
          decimal(row, "output", where, true),
          decimal(row, "cacheRead", where, false),
          decimal(row, "cacheWrite", where, false),
          decimal(row, "reasoning", where, false),
          LocalDate.parse(requiredText(row, "effectiveFrom", where)),
          row.path("source").asText(""));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ".effectiveFrom: not an ISO date (yyyy-MM-dd)", e);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(where)) {
        throw e;
      }
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static String requiredText(JsonNode row, String field, String where) {
    JsonNode node = row.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new IllegalArgumentException(where + "." + field + ": required text");
    }
    return node.asText().trim();
  }

  private static BigDecimal decimal(JsonNode row, String field, String where, boolean required) {
    JsonNode node = row.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw new IllegalArgumentException(where + "." + field + ": required number");
      }
      return null;
    }
    if (!node.isNumber()) {
      throw new IllegalArgumentException(where + "." + field + ": expected a number, was " + node);
    }
    BigDecimal value = node.decimalValue();
    if (value.signum() < 0) {
      throw new IllegalArgumentException(where + "." + field + ": must be >= 0, was " + value);
    }
    return value;
  }
}
