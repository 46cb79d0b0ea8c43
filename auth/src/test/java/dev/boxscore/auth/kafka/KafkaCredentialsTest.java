package dev.boxscore.auth.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaCredentialsTest {
  @Test
  void plaintextAddsOnlyTheProtocol() {
    assertThat(KafkaCredentials.NONE.applyTo(new HashMap<String, Object>()))
        .containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
  }

  @Test
  void saslAddsTheMechanismAndALoginWithEscapedValues() {
    Map<String, Object> props =
        new KafkaCredentials("sasl_ssl", "scram-sha-512", "ingest", "p\"w\\d")
            .applyTo(new HashMap<>());
    assertThat(props)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThat(props.get("sasl.jaas.config"))
        .isEqualTo(
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ingest\" password=\"p\\\"w\\\\d\";");
    assertThat(new KafkaCredentials("SASL_PLAINTEXT", null, "u", "p").saslMechanism())
        .as("PLAIN by default")
        .isEqualTo("PLAIN");
  }

  @Test
  void aMissingOrUnknownSettingIsNamed() {
    assertThatThrownBy(() -> new KafkaCredentials("TLS", null, null, null))
        .hasMessageStartingWith("boxscore.kafka.security-protocol:");
    assertThatThrownBy(() -> new KafkaCredentials("SASL_PLAINTEXT", "GSSAPI", "u", "p"))
        .hasMessageStartingWith("boxscore.kafka.sasl.mechanism:");
    assertThatThrownBy(() -> new KafkaCredentials("SASL_PLAINTEXT", "PLAIN", "u", null))
        .hasMessageContaining("boxscore.kafka.sasl.password");
  }

  @Test
  void itsTextNeverShowsThePassword() {
    assertThat(new KafkaCredentials("SASL_PLAINTEXT", "PLAIN", "boxscore", "s3cret").toString())
        .doesNotContain("s3cret");
  }
}
