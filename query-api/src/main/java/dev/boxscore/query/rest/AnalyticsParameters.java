package dev.boxscore.query.rest;

import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.RollupQuery;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Parsing and checking of the analytics parameters; every failure names the parameter. */
final class AnalyticsParameters {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})([smhd])");
  static final Duration MIN_BUCKET = Duration.ofMinutes(1);
  static final Duration MAX_BUCKET = Duration.ofDays(1);
  static final int MAX_BUCKETS = 20_000;
  static final Duration MAX_RANGE = Duration.ofDays(400);

  private AnalyticsParameters() {}

  /** 30s, 5m, 1h, 1d or ISO-8601 (PT5M); null/blank gives the fallback. */
  static Duration duration(String name, String value, Duration fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT_DURATION.matcher(v);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new BadParameterException(
          name, "must be a duration such as 5m, 1h, 1d or PT15M, got \"" + cut(value) + "\"");
    }
  }

  /** A bucket: whole minutes from 1 minute to 1 day. */
  static Duration bucket(String name, String value, Duration fallback, Instant from, Instant to) {
    Duration bucket = duration(name, value, fallback);
    if (bucket.compareTo(MIN_BUCKET) < 0
        || bucket.compareTo(MAX_BUCKET) > 0
        || bucket.getSeconds() % 60 != 0
        || bucket.getNano() != 0) {
      throw new BadParameterException(
          name, "must be whole minutes from 1m to 1d, got \"" + cut(value) + "\"");
    }
    long buckets = Duration.between(from, to).getSeconds() / bucket.getSeconds();
    if (buckets > MAX_BUCKETS) {
      throw new BadParameterException(
          name,
          "gives "
              + buckets
              + " buckets over the range; at most "
              + MAX_BUCKETS
              + ": choose a larger bucket or a shorter range");
    }
    return bucket;
  }

  static void range(Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new BadParameterException("from", "must be before to");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw new BadParameterException("from", "the range from..to must be at most 400 days");
    }
  }

  /** The dimensions the per-user rollup has. */
  private static final Set<Dimension> USER_DIMENSIONS =
      EnumSet.of(
          Dimension.USER,
          Dimension.SESSION,
          Dimension.PROVIDER,
          Dimension.MODEL,
          Dimension.REQUEST_MODEL,
          Dimension.RESPONSE_MODEL);

  /**
   * A question by user or session is answered from the per-user rollup: whole hours, and only the
   * dimensions and filters it has.
   */
  static void requireUserQuery(RollupQuery query) {
    for (Dimension d : query.groupBy()) {
      if (!USER_DIMENSIONS.contains(d)) {
        throw new BadParameterException(
            "group_by",
            d.apiName()
                + " does not combine with user or session (they combine with provider, model,"
                + " request_model, response_model)");
      }
    }
    CallFilter f = query.filter();
    if (f.service() != null) {
      throw new BadParameterException("service", "does not combine with user or session");
    }
    if (f.promptFingerprint() != null) {
      throw new BadParameterException(
          "prompt_fingerprint", "does not combine with user or session");
    }
    if (f.promptVersion() != null) {
      throw new BadParameterException("prompt_version", "does not combine with user or session");
    }
    if (query.bucket().getSeconds() % 3600 != 0) {
      throw new BadParameterException(
          "bucket", "must be whole hours with user or session (their figures are kept per hour)");
    }
  }

  static Set<Dimension> groupBy(String name, String value) {
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    Set<Dimension> out = EnumSet.noneOf(Dimension.class);
    for (String part : value.split(",")) {
      String p = part.strip();
      out.add(
          Dimension.fromApiName(p)
              .filter(d -> d != Dimension.MODEL_KEY)
              .orElseThrow(
                  () ->
                      new BadParameterException(
                          name,
                          "unknown dimension \""
                              + cut(p)
                              + "\"; use "
                              + Arrays.stream(Dimension.values())
                                  .filter(d -> d != Dimension.MODEL_KEY)
                                  .map(Dimension::apiName)
                                  .collect(Collectors.joining(", ")))));
    }
    return out;
  }

  static CallFilter filter(
      String service,
      String provider,
      String model,
      String requestModel,
      String responseModel,
      String promptFingerprint,
      String promptVersion) {
    return new CallFilter(
        Parameters.filter("service", service),
        Parameters.filter("provider", provider),
        Parameters.filter("model", model),
        Parameters.filter("request_model", requestModel),
        Parameters.filter("response_model", responseModel),
        Parameters.filter("prompt_fingerprint", promptFingerprint),
        Parameters.filter("prompt_version", promptVersion));
  }

  static String required(String name, String value) {
    String v = Parameters.filter(name, value);
    if (v == null) {
      throw new BadParameterException(name, "is required");
    }
    return v;
  }

  static int integer(String name, String value, int fallback, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n < min || n > max) {
        throw new BadParameterException(
            name, "must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadParameterException(name, "must be a whole number, got \"" + cut(value) + "\"");
    }
  }

  static double number(
      String name, String value, double fallback, double minExclusive, double max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      double n = Double.parseDouble(value.strip());
      if (!(n > minExclusive && n <= max)) {
        throw new BadParameterException(
            name, "must be greater than " + minExclusive + " and at most " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadParameterException(name, "must be a number, got \"" + cut(value) + "\"");
    }
  }

  /**
   * Days the store keeps as they are (ClickHouse's Date): a day outside is refused, never clamped.
   */
  static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);

  static final LocalDate LAST_DAY = LocalDate.of(2149, 6, 6);

  /**
   * Prices are stored with 9 decimal places (USD per 1M tokens): finer values are refused, never
   * rounded.
   */
  static final int PRICE_SCALE = 9;

  static LocalDate date(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new BadParameterException(name, "is required (YYYY-MM-DD)");
    }
    LocalDate day;
    try {
      day = LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadParameterException(
          name, "must be a date YYYY-MM-DD, got \"" + cut(value) + "\"");
    }
    if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
      throw new BadParameterException(
          name, "must be between " + FIRST_DAY + " and " + LAST_DAY + ", got " + day);
    }
    return day;
  }

  static BigDecimal price(String name, BigDecimal value, boolean required) {
    if (value == null) {
      if (required) {
        throw new BadParameterException(name, "is required (USD per 1M tokens)");
      }
      return null;
    }
    if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
      throw new BadParameterException(name, "must be between 0 and 1000000 USD per 1M tokens");
    }
    BigDecimal exact = value.stripTrailingZeros();
    if (exact.scale() > PRICE_SCALE) {
      throw new BadParameterException(
          name,
          "must have at most "
              + PRICE_SCALE
              + " decimal places (USD per 1M tokens), got "
              + cut(value.toString()));
    }
    return exact.scale() < 0 ? exact.setScale(0) : exact;
  }

  private static String cut(String s) {
    return s == null ? "" : s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
