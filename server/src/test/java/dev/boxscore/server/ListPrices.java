package dev.boxscore.server;

import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Figures of the shipped price list, read from the built-in catalog: a test that expects a cost
 * computes it from these, so a price update changes the expectation with the price instead of
 * breaking the test. The arithmetic is the test's own (tokens × price per million, exact), so the
 * catalog's cost code is still checked by it.
 */
final class ListPrices {
  private ListPrices() {}

  /**
   * The built-in list price of {@code model} at {@code at}; fails the test when the list has none.
   */
  static ModelPrice of(String provider, String model, Instant at) {
    return PriceCatalog.builtIn()
        .find(provider, model, at)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no built-in price for " + provider + "/" + model + " at " + at));
  }

  /**
   * The number at {@code path} of a JSON answer as written (parsed to BigDecimal, never through a
   * float), for an exact comparison. Takes the text: a JsonPath parses once, so one already read
   * with floats cannot be re-read.
   */
  static BigDecimal decimal(String json, String path) {
    Object value =
        new JsonPath(json)
            .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL))
            .get(path);
    if (!(value instanceof BigDecimal number)) {
      throw new AssertionError(path + " is not a decimal number: " + value);
    }
    return number;
  }

  /**
   * {@code input} uncached input and {@code output} output tokens at {@code price}, in USD,
   * exactly.
   */
  static BigDecimal cost(ModelPrice price, long input, long output) {
    return cost(price, input, 0, output);
  }

  /**
   * As {@link #cost(ModelPrice, long, long)} with {@code cacheRead} input tokens read from the
   * prompt cache.
   */
  static BigDecimal cost(ModelPrice price, long uncachedInput, long cacheRead, long output) {
    BigDecimal cacheReadPrice =
        price.cacheReadPerMillion() != null ? price.cacheReadPerMillion() : price.inputPerMillion();
    return BigDecimal.valueOf(uncachedInput)
        .multiply(price.inputPerMillion())
        .add(BigDecimal.valueOf(cacheRead).multiply(cacheReadPrice))
        .add(BigDecimal.valueOf(output).multiply(price.outputPerMillion()))
        .movePointLeft(6);
  }
}
