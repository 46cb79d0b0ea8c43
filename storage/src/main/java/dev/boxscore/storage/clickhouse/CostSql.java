package dev.boxscore.storage.clickhouse;

import dev.boxscore.storage.search.UnitPrice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * SQL that prices token sums with unit prices resolved by the query API, as {@code ModelPrice.cost}
 * does: uncached input, cache reads, cache writes, non-reasoning output and reasoning, each at its
 * price per million. The prices travel as bound string parameters (keys and one list per price), so
 * the statement stays the same text for any price list; a row with no price costs 0.
 */
final class CostSql {
  private static final char KEY_SEPARATOR = '\u001e';
  private static final char LIST_SEPARATOR = '\u001f';

  /** The columns of a table that hold what a price is looked up by and the token sums. */
  record Columns(
      String provider,
      String requestModel,
      String responseModel,
      String day,
      String input,
      String output,
      String cacheRead,
      String cacheWrite,
      String reasoning) {}

  static final Columns SPANS =
      new Columns(
          "llm_provider",
          "request_model",
          "response_model",
          "toDate(start_time)",
          "input_tokens",
          "output_tokens",
          "cache_read_tokens",
          "cache_write_tokens",
          "reasoning_tokens");

  static final Columns USER_ROLLUP =
      new Columns(
          "provider",
          "request_model",
          "response_model",
          "toDate(hour)",
          "input_tokens",
          "output_tokens",
          "cache_read_tokens",
          "cache_write_tokens",
          "reasoning_tokens");

  private CostSql() {}

  /** The bound parameters for the prices, named {@code <prefix>_keys} and {@code <prefix>_0..4}. */
  static void bind(Map<String, Object> params, String prefix, List<UnitPrice> prices) {
    StringJoiner keys = new StringJoiner(String.valueOf(LIST_SEPARATOR));
    List<StringJoiner> columns = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      columns.add(new StringJoiner(","));
    }
    for (UnitPrice p : prices) {
      keys.add(
          clean(p.provider())
              + KEY_SEPARATOR
              + clean(p.requestModel())
              + KEY_SEPARATOR
              + clean(p.responseModel())
              + KEY_SEPARATOR
              + p.day());
      columns.get(0).add(Double.toString(p.input()));
      columns.get(1).add(Double.toString(p.output()));
      columns.get(2).add(Double.toString(p.cacheRead()));
      columns.get(3).add(Double.toString(p.cacheWrite()));
      columns.get(4).add(Double.toString(p.reasoning()));
    }
    params.put(prefix + "_keys", keys.toString());
    for (int i = 0; i < 5; i++) {
      params.put(prefix + "_" + i, columns.get(i).toString());
    }
  }

  /** The index of a row's price in the bound list (0 when it has none). */
  static String priceIndex(String prefix, Columns c) {
    return "indexOf(splitByChar('\\x1f', {"
        + prefix
        + "_keys:String}), concat("
        + c.provider()
        + ", '\\x1e', "
        + c.requestModel()
        + ", '\\x1e', "
        + c.responseModel()
        + ", '\\x1e', toString("
        + c.day()
        + ")))";
  }

  /** The USD cost of one row's tokens (Float64). */
  static String rowCost(String prefix, Columns c) {
    String index = priceIndex(prefix, c);
    String[] price = new String[5];
    for (int i = 0; i < 5; i++) {
      price[i] =
          "arrayMap(x -> toFloat64OrZero(x), splitByChar(',', {"
              + prefix
              + "_"
              + i
              + ":String}))["
              + index
              + "]";
    }
    String reasoning = "least(" + c.reasoning() + ", " + c.output() + ")";
    return "(toFloat64(greatest(toInt64("
        + c.input()
        + ") - toInt64("
        + c.cacheRead()
        + ") - toInt64("
        + c.cacheWrite()
        + "), 0)) * "
        + price[0]
        + " + toFloat64("
        + c.cacheRead()
        + ") * "
        + price[2]
        + " + toFloat64("
        + c.cacheWrite()
        + ") * "
        + price[3]
        + " + toFloat64(greatest(toInt64("
        + c.output()
        + ") - toInt64("
        + reasoning
        + "), 0)) * "
        + price[1]
        + " + toFloat64("
        + reasoning
        + ") * "
        + price[4]
        + ") / 1000000";
  }

  private static String clean(String s) {
    return s == null ? "" : s.replace(KEY_SEPARATOR, ' ').replace(LIST_SEPARATOR, ' ');
  }
}
