package dev.boxscore.simulator;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Seeded random errors: every well-formed request draws once, in arrival order, so a sequential
 * client sees the same errors on every run with the same seed.
 */
final class ErrorInjector {
  private final double rate;
  private final List<SimulatedError> kinds;
  private final SplittableRandom random;

  ErrorInjector(double rate, long seed, List<SimulatedError> kinds) {
    this.rate = rate;
    this.kinds = List.copyOf(kinds);
    this.random = new SplittableRandom(seed);
  }

  synchronized Optional<SimulatedError> draw() {
    double roll = random.nextDouble();
    int pick = random.nextInt(kinds.size());
    return roll < rate ? Optional.of(kinds.get(pick)) : Optional.empty();
  }
}
