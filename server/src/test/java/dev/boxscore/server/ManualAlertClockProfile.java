package dev.boxscore.server;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The application with its wall-clock alert evaluator off: tests run evaluation rounds and delivery
 * ticks themselves, at instants of their choosing over traffic dated in the past.
 */
public class ManualAlertClockProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "boxscore.query.alerts.evaluator-enabled",
        "false",
        "boxscore.query.alerts.rules-file",
        java.nio.file.Path.of("src/test/resources/alert-rules.yaml").toAbsolutePath().toString());
  }
}
