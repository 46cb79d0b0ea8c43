package dev.boxscore.server.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The bootstrap project and its key. */
@ConfigMapping(prefix = "boxscore.auth")
public interface AuthConfig {
  /** The bootstrap key (admin scope); the one-machine launcher generates one when none is given. */
  Optional<String> bootstrapKey();

  /** The project of the bootstrap key. */
  @WithDefault("default")
  String bootstrapProject();
}
