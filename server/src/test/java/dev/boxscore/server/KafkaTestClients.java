package dev.boxscore.server;

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

  static Properties of(String bootstrap, Map<String, String> credentials) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.putAll(credentials);
    return props;
  }

  static Admin admin(EmbeddedKafka kafka) {
    return Admin.create(of(kafka));
  }
}
