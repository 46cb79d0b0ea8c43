package dev.boxscore.auth.kafka;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How every Kafka client of Boxscore (the collector's producer, ingest's consumer, the key
 * directory, the health check) authenticates to the brokers: nothing ({@code PLAINTEXT}, a cluster
 * secured by its network), or SASL with PLAIN or SCRAM over plaintext or TLS. The embedded broker
 * of the one-machine mode takes SASL/PLAIN only, with a credential made for each start.
 *
 * @param securityProtocol {@code PLAINTEXT}, {@code SASL_PLAINTEXT}, {@code SSL} or {@code
 *     SASL_SSL}
 * @param saslMechanism {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}; null without
 *     SASL
 */
public record KafkaCredentials(
    String securityProtocol, String saslMechanism, String username, String password) {
  private static final Set<String> PROTOCOLS =
      Set.of("PLAINTEXT", "SASL_PLAINTEXT", "SSL", "SASL_SSL");
  private static final Map<String, String> LOGIN_MODULES =
      Map.of(
          "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
          "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
          "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

  public static final KafkaCredentials NONE = new KafkaCredentials("PLAINTEXT", null, null, null);

  /**
   * @throws IllegalArgumentException naming the setting that is missing or unknown
   */
  public KafkaCredentials {
    securityProtocol =
        securityProtocol == null ? "PLAINTEXT" : securityProtocol.strip().toUpperCase(Locale.ROOT);
    if (!PROTOCOLS.contains(securityProtocol)) {
      throw new IllegalArgumentException(
          "boxscore.kafka.security-protocol: must be one of "
              + PROTOCOLS
              + ", was "
              + securityProtocol);
    }
    boolean sasl = securityProtocol.startsWith("SASL_");
    if (sasl) {
      saslMechanism =
          saslMechanism == null ? "PLAIN" : saslMechanism.strip().toUpperCase(Locale.ROOT);
      if (!LOGIN_MODULES.containsKey(saslMechanism)) {
        throw new IllegalArgumentException(
            "boxscore.kafka.sasl.mechanism: must be one of "
                + LOGIN_MODULES.keySet()
                + ", was "
                + saslMechanism);
      }
      if (username == null || username.isBlank() || password == null || password.isEmpty()) {
        throw new IllegalArgumentException(
            "boxscore.kafka.sasl.username and boxscore.kafka.sasl.password are required with "
                + securityProtocol);
      }
    }
  }

  /**
   * Adds the client settings ({@code security.protocol}, and for SASL the mechanism and JAAS login)
   * to {@code props}.
   */
  public <M extends Map<? super String, ? super String>> M applyTo(M props) {
    props.put("security.protocol", securityProtocol);
    if (saslMechanism != null && securityProtocol.startsWith("SASL_")) {
      props.put("sasl.mechanism", saslMechanism);
      props.put(
          "sasl.jaas.config",
          LOGIN_MODULES.get(saslMechanism)
              + " required username=\""
              + quoted(username)
              + "\" password=\""
              + quoted(password)
              + "\";");
    }
    return props;
  }

  /** The JAAS line quotes its values; a quote or backslash in a credential is escaped. */
  private static String quoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public String toString() {
    return "KafkaCredentials["
        + securityProtocol
        + (saslMechanism == null ? "" : " " + saslMechanism + " as " + username)
        + "]";
  }
}
