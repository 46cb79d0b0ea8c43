package dev.boxscore.query.service.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.alerting.notify.Channel;
import dev.boxscore.alerting.notify.ChannelType;
import dev.boxscore.alerting.rule.InvalidRuleException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChannelJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Channel read(String json) throws Exception {
    return ChannelJson.read(JSON.readTree(json), "chn_1", "p");
  }

  private static void refused(String json, String field) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageStartingWith(field + ": ");
  }

  @Test
  void aWebhookWithoutASecretGetsOneAndTheDefaultsOfAlertmanager() throws Exception {
    Channel c =
        read("{\"name\":\"ops\",\"type\":\"webhook\",\"url\":\"https://hooks.example.com/a\"}");
    assertThat(c.type()).isEqualTo(ChannelType.WEBHOOK);
    assertThat(c.secret()).hasSize(48);
    assertThat(c.groupWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.groupInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.repeatInterval()).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void pagerDutyNeedsARoutingKeyAndDefaultsItsUrl() throws Exception {
    refused("{\"name\":\"oncall\",\"type\":\"pagerduty\"}", "secret");
    Channel c = read("{\"name\":\"oncall\",\"type\":\"pagerduty\",\"secret\":\"R0UT1NG\"}");
    assertThat(c.url()).isEqualTo(ChannelJson.PAGERDUTY_URL);
  }

  @Test
  void badChannelsNameTheField() {
    refused("[]", "body");
    refused("{\"type\":\"slack\",\"url\":\"https://x.example\"}", "name");
    refused("{\"name\":\"a\",\"type\":\"email\",\"url\":\"https://x.example\"}", "type");
    refused("{\"name\":\"a\",\"type\":\"slack\",\"url\":\"file:///etc/passwd\"}", "url");
    refused("{\"name\":\"a\",\"type\":\"slack\",\"url\":\"not a url\"}", "url");
    refused(
        "{\"name\":\"a\",\"type\":\"slack\",\"url\":\"https://x.example\",\"groupWait\":\"soon\"}",
        "groupWait");
    refused(
        "{\"name\":\"a\",\"type\":\"slack\",\"url\":\"https://x.example\",\"repeatInterval\":\"30s\"}",
        "repeatInterval");
    refused(
        "{\"name\":\"a\",\"type\":\"slack\",\"url\":\"https://x.example\",\"colour\":\"red\"}",
        "colour");
    refused("{\"name\":1,\"type\":\"slack\",\"url\":\"https://x.example\"}", "name");
  }

  @Test
  void theApiNeverShowsTheSecretButStorageKeepsIt() throws Exception {
    Channel c =
        read(
            "{\"name\":\"ops\",\"type\":\"webhook\",\"url\":\"https://h.example\",\"secret\":\"s3cret\"}");
    JsonNode shown = ChannelJson.publicJson(c);
    assertThat(shown.has("secret")).isFalse();
    assertThat(shown.path("hasSecret").asBoolean()).isTrue();
    assertThat(ChannelJson.fromStored(ChannelJson.stored(c), "p")).isEqualTo(c);
  }
}
