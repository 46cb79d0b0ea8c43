package dev.boxscore.server;

import dev.boxscore.auth.ApiKeys;
import dev.boxscore.auth.CompositeApiKeys;
import dev.boxscore.auth.Principal;
import dev.boxscore.auth.Scope;
import dev.boxscore.auth.StaticApiKeys;
import dev.boxscore.auth.directory.KeyDirectory;
import dev.boxscore.auth.kafka.KafkaCredentials;
import dev.boxscore.server.config.AuthConfig;
import dev.boxscore.server.config.ControlTopicConfig;
import dev.boxscore.server.config.StorageConfig;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The shared pieces the roles are built from. */
public class Producers {
  /** Created on first use, so a node that runs only the collector never connects to ClickHouse. */
  @Produces
  @Singleton
  ClickHouseStorage storage(StorageConfig config) {
    return ClickHouseStorage.builder()
        .url(config.url())
        .database(config.database())
        .username(config.username())
        .password(config.password().orElse(""))
        .build()
        .start();
  }

  void close(@Disposes ClickHouseStorage storage) {
    storage.close();
  }

  /**
   * Projects and keys from the control topic, read by every role; the bootstrap project is created
   * in it when missing, so the one-machine mode starts with one project. The topic's layout is its
   * own setting ({@code boxscore.control.*}), not the collector's: a node without the collector
   * creates it too.
   */
  @Produces
  @Singleton
  @io.quarkus.runtime
      .Startup // at start, not on a first request: a node without its Kafka must not say ready
  @jakarta.enterprise.inject.Typed(KeyDirectory.class) // the ApiKeys bean is the composite below
  KeyDirectory keyDirectory(
      AuthConfig config,
      @ConfigProperty(name = "boxscore.kafka.bootstrap") String bootstrap,
      ControlTopicConfig control,
      KafkaCredentials kafka) {
    KeyDirectory directory =
        new KeyDirectory(bootstrap, control.replicationFactor(), kafka).start();
    directory.ensureProject(config.bootstrapProject(), config.bootstrapProject());
    return directory;
  }

  void close(@Disposes KeyDirectory directory) {
    directory.close();
  }

  /**
   * How every Kafka client authenticates: {@code boxscore.kafka.security-protocol} ({@code
   * PLAINTEXT} by default; the one-machine mode sets {@code SASL_PLAINTEXT} for its embedded
   * broker) and {@code boxscore.kafka.sasl.*}.
   */
  @Produces
  @Singleton
  KafkaCredentials kafkaCredentials(
      @ConfigProperty(name = "boxscore.kafka.security-protocol", defaultValue = "PLAINTEXT")
          String protocol,
      @ConfigProperty(name = "boxscore.kafka.sasl.mechanism") Optional<String> mechanism,
      @ConfigProperty(name = "boxscore.kafka.sasl.username") Optional<String> username,
      @ConfigProperty(name = "boxscore.kafka.sasl.password") Optional<String> password) {
    return new KafkaCredentials(
        protocol, mechanism.orElse(null), username.orElse(null), password.orElse(null));
  }

  @Produces
  @Singleton
  ApiKeys apiKeys(AuthConfig config, KeyDirectory directory) {
    String key =
        config
            .bootstrapKey()
            .filter(k -> !k.isBlank())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no API key configured: set BOXSCORE_BOOTSTRAP_KEY (./boxscore up generates one)"));
    return new CompositeApiKeys(
        StaticApiKeys.of(key, new Principal(config.bootstrapProject(), Set.of(Scope.ADMIN))),
        directory);
  }
}
