package dev.boxscore.microbench;

import org.openjdk.jmh.infra.Blackhole;

/** JMH's Blackhole for calling a benchmark method once from a test, outside a JMH run. */
public final class TestBlackhole {
  private TestBlackhole() {}

  public static Blackhole create() {
    // JMH asks a caller outside its harness to say it knows the Blackhole is not meant for that.
    return new Blackhole(
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
  }
}
