package dev.boxscore.query.service;

import dev.boxscore.query.api.DriftMetricResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * The per-metric verdicts of /drift, from statistical tests (commons-math3). A quantity drifts when
 * both sides have at least {@code minSamples} values, the test's p-value is below {@code alpha},
 * and the change is at least {@code minRelativeChange} (so a tiny but significant shift on huge
 * samples is not called drift).
 *
 * <ul>
 *   <li>Distributions (latency, TTFT, cost, tokens): Mann-Whitney U (a shift of the typical value)
 *       and two-sample Kolmogorov-Smirnov (any change of shape, e.g. a fatter tail); p = min(1, 2 ×
 *       the smaller p), the Bonferroni bound for using two tests. The change is that of the median;
 *       the effect is the larger relative change of the median and the p95.
 *   <li>Error rate: chi-square test of the 2×2 table (errors / not, baseline / current), equivalent
 *       to the two-proportion z-test.
 *   <li>Finish-reason mix: chi-square test of homogeneity over the reasons seen; the effect is the
 *       total variation distance between the two mixes.
 *   <li>Numeric scores: Mann-Whitney U alone (judges' scores are few distinct values, where
 *       Kolmogorov-Smirnov's ties make it unreliable); baseline and current are the means, the
 *       effect is the relative change of the mean (a quality score is read as an average). Boolean
 *       scores are a {@link #rate} (share true), categorical ones a {@link #mix}.
 * </ul>
 */
final class DriftVerdicts {
  static final String DRIFT = "drift";
  static final String NO_DRIFT = "no_drift";
  static final String INSUFFICIENT = "insufficient_samples";

  private final int minSamples;
  private final double alpha;
  private final double minRelativeChange;

  DriftVerdicts(int minSamples, double alpha, double minRelativeChange) {
    this.minSamples = minSamples;
    this.alpha = alpha;
    this.minRelativeChange = minRelativeChange;
  }

  DriftMetricResponse distribution(String metric, double[] baseline, double[] current) {
    String test = "mann_whitney_u+kolmogorov_smirnov";
    if (baseline.length < minSamples || current.length < minSamples) {
      return new DriftMetricResponse(
          metric,
          test,
          median(baseline),
          median(current),
          null,
          null,
          null,
          baseline.length,
          current.length,
          INSUFFICIENT);
    }
    double pU = new MannWhitneyUTest().mannWhitneyUTest(baseline, current);
    double pKs = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(baseline, current);
    double p = Math.min(1, 2 * Math.min(pU, pKs));
    double b50 = median(baseline);
    double c50 = median(current);
    double b95 = percentile(baseline, 95);
    double c95 = percentile(current, 95);
    double effect = Math.max(relative(b50, c50), relative(b95, c95));
    boolean drift = p < alpha && effect >= minRelativeChange;
    return new DriftMetricResponse(
        metric,
        test,
        b50,
        c50,
        c50 - b50,
        signedRelative(b50, c50),
        p,
        baseline.length,
        current.length,
        drift ? DRIFT : NO_DRIFT);
  }

  DriftMetricResponse mean(String metric, double[] baseline, double[] current) {
    String test = "mann_whitney_u";
    Double b = mean(baseline);
    Double c = mean(current);
    if (baseline.length < minSamples || current.length < minSamples) {
      return new DriftMetricResponse(
          metric, test, b, c, null, null, null, baseline.length, current.length, INSUFFICIENT);
    }
    double p = new MannWhitneyUTest().mannWhitneyUTest(baseline, current);
    // All values equal on both sides: nothing changed, and the normal approximation has no spread.
    p = Double.isNaN(p) ? 1.0 : p;
    double effect = relative(b, c);
    boolean drift = p < alpha && effect >= minRelativeChange;
    return new DriftMetricResponse(
        metric,
        test,
        b,
        c,
        c - b,
        signedRelative(b, c),
        p,
        baseline.length,
        current.length,
        drift ? DRIFT : NO_DRIFT);
  }

  DriftMetricResponse rate(
      String metric, long baselineHits, long baselineN, long currentHits, long currentN) {
    String test = "chi_square_2x2";
    Double b = baselineN == 0 ? null : (double) baselineHits / baselineN;
    Double c = currentN == 0 ? null : (double) currentHits / currentN;
    if (baselineN < minSamples || currentN < minSamples) {
      return new DriftMetricResponse(
          metric, test, b, c, null, null, null, baselineN, currentN, INSUFFICIENT);
    }
    long hits = baselineHits + currentHits;
    long misses = baselineN + currentN - hits;
    double p =
        hits == 0 || misses == 0
            ? 1.0
            : new ChiSquareTest()
                .chiSquareTest(
                    new long[][] {
                      {baselineHits, baselineN - baselineHits},
                      {currentHits, currentN - currentHits}
                    });
    double effect = relative(b, c);
    boolean drift = p < alpha && effect >= minRelativeChange;
    return new DriftMetricResponse(
        metric,
        test,
        b,
        c,
        c - b,
        b == 0 ? null : signedRelative(b, c),
        p,
        baselineN,
        currentN,
        drift ? DRIFT : NO_DRIFT);
  }

  DriftMetricResponse mix(String metric, List<List<String>> baseline, List<List<String>> current) {
    String test = "chi_square_homogeneity";
    Map<String, long[]> counts = new HashMap<>();
    Set<String> keys = new LinkedHashSet<>();
    long bN = count(baseline, counts, keys, 0);
    long cN = count(current, counts, keys, 1);
    if (baseline.size() < minSamples || current.size() < minSamples) {
      return new DriftMetricResponse(
          metric,
          test,
          null,
          null,
          null,
          null,
          null,
          baseline.size(),
          current.size(),
          INSUFFICIENT);
    }
    double tvd = 0;
    for (String k : keys) {
      long[] c = counts.get(k);
      tvd += Math.abs((bN == 0 ? 0 : (double) c[0] / bN) - (cN == 0 ? 0 : (double) c[1] / cN));
    }
    tvd /= 2;
    double p = 1.0;
    if (keys.size() >= 2 && bN > 0 && cN > 0) {
      long[][] table = new long[2][keys.size()];
      int i = 0;
      for (String k : keys) {
        table[0][i] = counts.get(k)[0];
        table[1][i] = counts.get(k)[1];
        i++;
      }
      p = new ChiSquareTest().chiSquareTest(table);
    }
    boolean drift = p < alpha && tvd >= minRelativeChange / 2;
    return new DriftMetricResponse(
        metric,
        test,
        null,
        null,
        tvd,
        null,
        p,
        baseline.size(),
        current.size(),
        drift ? DRIFT : NO_DRIFT);
  }

  private static long count(
      List<List<String>> calls, Map<String, long[]> counts, Set<String> keys, int side) {
    long n = 0;
    for (List<String> reasons : calls) {
      for (String r : reasons) {
        keys.add(r);
        counts.computeIfAbsent(r, k -> new long[2])[side]++;
        n++;
      }
    }
    return n;
  }

  static Double mean(double[] values) {
    return values.length == 0 ? null : Arrays.stream(values).average().orElseThrow();
  }

  static Double median(double[] values) {
    return values.length == 0 ? null : percentile(values, 50);
  }

  static double percentile(double[] values, double p) {
    double[] copy = Arrays.copyOf(values, values.length);
    return new Percentile().evaluate(copy, p);
  }

  private static double relative(double base, double current) {
    if (base == 0) {
      return current == 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return Math.abs(current - base) / Math.abs(base);
  }

  private static Double signedRelative(double base, double current) {
    return base == 0 ? null : (current - base) / Math.abs(base);
  }
}
