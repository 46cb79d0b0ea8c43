package dev.boxscore.otel.ext.bench;

import java.time.Duration;

/**
 * Does nothing: the JVM's wall time with and without the agent is the agent's start-up cost. Prints the CPU time the
 * JVM used up to here ({@code STARTUP cpu_ms=}), read from the OS (no management classes loaded for it): on a shared
 * machine CPU time resolves what wall time cannot.
 */
public final class StartupProbe {
  private StartupProbe() {}

  public static void main(String[] args) {
    long cpuMillis = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toMillis();
    System.out.println("STARTUP cpu_ms=" + cpuMillis);
  }
}
