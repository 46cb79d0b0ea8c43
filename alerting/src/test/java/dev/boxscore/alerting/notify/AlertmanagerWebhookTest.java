package dev.boxscore.alerting.notify;

import static dev.boxscore.alerting.notify.TestAlerts.EXTERNAL;
import static dev.boxscore.alerting.notify.TestAlerts.GROUP;
import static dev.boxscore.alerting.notify.TestAlerts.RULE;
import static dev.boxscore.alerting.notify.TestAlerts.T0;
import static dev.boxscore.alerting.notify.TestAlerts.channel;
import static dev.boxscore.alerting.notify.TestAlerts.firing;
import static dev.boxscore.alerting.notify.TestAlerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerWebhookTest {
  private final Channel channel = channel(ChannelType.WEBHOOK, "https://hooks.example.com/a");

  @Test
  void carriesAlertmanagersVersion4Fields() throws Exception {
    Alert a = firing("fp-a", "gpt-4o");
    Alert b = resolved(firing("fp-b", "gpt-4o-mini"), T0);
    JsonNode json =
        Json.MAPPER.readTree(AlertmanagerWebhook.body(channel, GROUP, List.of(a, b), EXTERNAL));

    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "version",
            "groupKey",
            "truncatedAlerts",
            "status",
            "receiver",
            "groupLabels",
            "commonLabels",
            "commonAnnotations",
            "externalURL",
            "alerts");
    assertThat(json.get("version").asText()).isEqualTo("4");
    assertThat(json.get("groupKey").asText()).isEqualTo(GROUP);
    assertThat(json.get("truncatedAlerts").asInt()).isZero();
    assertThat(json.get("status").asText()).isEqualTo("firing");
    assertThat(json.get("receiver").asText()).isEqualTo("ops webhook");
    assertThat(json.get("groupLabels").toString())
        .isEqualTo("{\"alertname\":\"" + RULE + "\",\"rule_id\":\"rul_7f3a9c2e4b1d\"}");
    assertThat(json.get("commonLabels").has("model")).isFalse(); // differs between a and b
    assertThat(json.get("commonLabels").get("team").asText()).isEqualTo("payments");
    assertThat(json.get("commonAnnotations").get("summary").asText()).isEqualTo("Checkout is slow");
    assertThat(json.get("externalURL").asText()).isEqualTo(EXTERNAL);

    JsonNode first = json.get("alerts").get(0);
    assertThat(first.get("status").asText()).isEqualTo("firing");
    assertThat(first.get("labels").get("model").asText()).isEqualTo("gpt-4o");
    assertThat(first.get("annotations").get("runbook_url").asText()).startsWith("https://");
    assertThat(first.get("startsAt").asText()).isEqualTo("2026-12-07T13:50:00Z");
    assertThat(first.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(first.get("generatorURL").asText())
        .isEqualTo(EXTERNAL + "/#/traces?model=gpt-4o&service=checkout&range=1h");
    assertThat(first.get("fingerprint").asText()).isEqualTo("fp-a");
    assertThat(first.get("values").get("value").asText()).isEqualTo("2310.5");

    JsonNode second = json.get("alerts").get(1);
    assertThat(second.get("status").asText()).isEqualTo("resolved");
    assertThat(second.get("endsAt").asText()).isEqualTo("2026-12-07T14:00:00Z");
  }

  @Test
  void allResolvedIsResolved() throws Exception {
    Alert a = resolved(firing("fp-a", "gpt-4o"), T0);
    JsonNode json =
        Json.MAPPER.readTree(AlertmanagerWebhook.body(channel, GROUP, List.of(a), EXTERNAL));
    assertThat(json.get("status").asText()).isEqualTo("resolved");
  }

  @Test
  void emptyGroupIsStillAValidPayload() throws Exception {
    JsonNode json = Json.MAPPER.readTree(AlertmanagerWebhook.body(channel, GROUP, List.of(), null));
    assertThat(json.get("status").asText()).isEqualTo("resolved");
    assertThat(json.get("alerts")).isEmpty();
    assertThat(json.get("commonLabels")).isEmpty();
    assertThat(json.get("externalURL").asText()).isEmpty();
  }

  @Test
  void sameInputSameBytes() {
    // Signatures are over bytes: label order must not depend on map iteration order.
    List<Alert> alerts = List.of(firing("fp-a", "gpt-4o"));
    assertThat(AlertmanagerWebhook.body(channel, GROUP, alerts, EXTERNAL))
        .isEqualTo(AlertmanagerWebhook.body(channel, GROUP, List.copyOf(alerts), EXTERNAL));
  }
}
