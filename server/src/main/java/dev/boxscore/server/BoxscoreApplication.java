package dev.boxscore.server;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;

/** Runs until stopped, after telling the user where everything is. */
public class BoxscoreApplication implements QuarkusApplication {
  @Inject StartupBanner banner;

  @Override
  public int run(String... args) {
    banner.print();
    Quarkus.waitForExit();
    return 0;
  }
}
