package dev.boxscore.demo;

import java.util.logging.Logger;

/**
 * Entry point of the demo service. Run it with the stock OpenTelemetry Java agent attached; the app
 * itself contains no OpenTelemetry SDK. See README.md for the launch command.
 */
public final class DemoMain {
  private static final Logger LOG = Logger.getLogger(DemoMain.class.getName());

  private DemoMain() {}

  public static void main(String[] args) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty(
          "java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s - %5$s%6$s%n");
    }
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("boxscore-demo: " + e.getMessage());
      System.err.println(DemoOptions.USAGE);
      System.exit(2);
      return;
    }
    DemoStats stats = run(options);
    LOG.info("demo finished: " + stats);
  }

  /**
   * Answers tickets until {@code iterations} are done (forever when 0) or the thread is
   * interrupted.
   */
  static DemoStats run(DemoOptions options) {
    DemoStats stats = new DemoStats();
    LOG.info(
        "boxscore demo calling "
            + options.simulator()
            + " every "
            + options.interval().toMillis()
            + " ms (seed "
            + options.seed()
            + ")");
    try (SupportAssistant assistant = new SupportAssistant(options, stats)) {
      for (long ticket = 1; options.iterations() == 0 || ticket <= options.iterations(); ticket++) {
        assistant.answerNext(ticket);
        if (ticket % 10 == 0) {
          LOG.info("progress: " + stats);
        }
        if (!options.interval().isZero()) {
          Thread.sleep(options.interval().toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return stats;
  }
}
