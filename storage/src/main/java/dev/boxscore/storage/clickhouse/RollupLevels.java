package dev.boxscore.storage.clickhouse;

import java.util.Map;

/**
 * Which periods of each resolution a question reads from llm_model_rollup and llm_slice_rollup
 * (their rows are kept per day, 12 hours, 3 hours, hour, 30 minutes, 5 minutes and minute; each
 * divides the one before): every whole period of the largest resolution that fits into the range
 * and divides the bucket (a row must fall into one bucket), then the edges from the finer ones,
 * down to minutes. Each level reads two ranges, the one before and the one after what the coarser
 * levels read; a level that is not used reads two empty ranges. Bound as {@code <level>_lo_from_s},
 * {@code _lo_to_s}, {@code _hi_from_s}, {@code _hi_to_s}.
 */
final class RollupLevels {
  private static final String[] NAMES = {"day", "h12", "h3", "hour", "m30", "m5", "minute"};
  private static final long[] SECONDS = {86_400, 43_200, 10_800, 3_600, 1_800, 300, 60};

  private RollupLevels() {}

  /**
   * @param fromS the first second read, a whole minute
   * @param toS the first second not read, a whole minute
   * @param bucketS the question's bucket, a whole number of minutes
   */
  static void bind(Map<String, Object> params, long fromS, long toS, long bucketS) {
    long lo = -1;
    long hi = -1;
    for (int i = 0; i < NAMES.length; i++) {
      long r = SECONDS[i];
      long first = Math.floorDiv(fromS + r - 1, r) * r;
      long last = Math.floorDiv(toS, r) * r;
      boolean usable = r == 60 || (bucketS % r == 0 && (lo >= 0 || first < last));
      if (!usable) {
        put(params, NAMES[i], toS, toS, toS, toS);
      } else if (lo < 0) {
        put(params, NAMES[i], first, last, last, last);
        lo = first;
        hi = last;
      } else {
        put(params, NAMES[i], first, lo, hi, last);
        lo = first;
        hi = last;
      }
    }
  }

  private static void put(
      Map<String, Object> params, String level, long loFrom, long loTo, long hiFrom, long hiTo) {
    params.put(level + "_lo_from_s", loFrom);
    params.put(level + "_lo_to_s", loTo);
    params.put(level + "_hi_from_s", hiFrom);
    params.put(level + "_hi_to_s", hiTo);
  }
}
