package dev.boxscore.otel.ext.bench;

/** Does nothing: the JVM's wall time with and without the agent is the agent's start-up cost. */
public final class StartupProbe {
  private StartupProbe() {}

  public static void main(String[] args) {
    System.out.println("started");
  }
}
