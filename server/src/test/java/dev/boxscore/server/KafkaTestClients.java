package dev.boxscore.server;

import dev.boxscore.auth.kafka.KafkaCredentials;
import dev.boxscore.embedded.kafka.EmbeddedKafka;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;

/**
 * Kafka client settings for a test's own clients: the broker's address and the credential it
 * requires.
 */
final class KafkaTestClients {
  private KafkaTestClients() {}

  /** {@code bootstrap.servers} and SASL settings of an embedded broker. */
  static Properties of(EmbeddedKafka kafka) {
    return of(kafka.bootstrapServers(), kafka.clientProperties());
  }

  /** {@code bootstrap.servers} and SASL settings of the test infrastructure's broker. */
  static Properties infrastructure() {
    return of(EmbeddedInfrastructure.machine().kafka());
  }

  /**
   * The test infrastructure's broker from its shared configuration, which a test profile's
   * application can read too (its copy of {@link EmbeddedInfrastructure} cannot reach the machine).
   */
  static Properties shared() {
    Map<String, String> config = EmbeddedInfrastructure.sharedConfig();
    return of(
        config.get("boxscore.kafka.bootstrap"),
        new KafkaCredentials(
                config.get("boxscore.kafka.security-protocol"),
                config.get("boxscore.kafka.sasl.mechanism"),
                config.get("boxscore.kafka.sasl.username"),
                config.get("boxscore.kafka.sasl.password"))
            .applyTo(new java.util.HashMap<String, String>()));
  }

  static Properties of(String bootstrap, Map<String, String> credentials) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.putAll(credentials);
    return props;
  }

  /**
   * A broker that takes SASL/PLAIN from user {@code boxscore} with {@code password}, as the
   * one-machine mode's.
   */
  static Properties plain(String bootstrap, String password) {
    return of(bootstrap, plainLogin(password));
  }

  /**
   * The SASL settings of user {@code boxscore} with {@code password}, as Boxscore's own clients
   * make them.
   */
  static Map<String, String> plainLogin(String password) {
    return new KafkaCredentials("SASL_PLAINTEXT", "PLAIN", "boxscore", password)
        .applyTo(new java.util.HashMap<String, String>());
  }

  static Admin admin(EmbeddedKafka kafka) {
    return Admin.create(of(kafka));
  }
}
