package dev.boxscore.alerting.notify;

import static dev.boxscore.alerting.notify.TestAlerts.EXTERNAL;
import static dev.boxscore.alerting.notify.TestAlerts.GROUP;
import static dev.boxscore.alerting.notify.TestAlerts.RULE;
import static dev.boxscore.alerting.notify.TestAlerts.SECRET;
import static dev.boxscore.alerting.notify.TestAlerts.T0;
import static dev.boxscore.alerting.notify.TestAlerts.channel;
import static dev.boxscore.alerting.notify.TestAlerts.firing;
import static dev.boxscore.alerting.notify.TestAlerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagerDutyEventTest {
  private final Channel channel = channel(ChannelType.PAGERDUTY, null);

  private JsonNode event(Alert a) throws Exception {
    return Json.MAPPER.readTree(PagerDutyEvent.body(channel, a, EXTERNAL));
  }

  @Test
  void triggerCarriesPayloadLinksAndClient() throws Exception {
    JsonNode e = event(firing("fp-a", "gpt-4o"));
    assertThat(e.get("routing_key").asText()).isEqualTo(SECRET);
    assertThat(e.get("event_action").asText()).isEqualTo("trigger");
    assertThat(e.get("dedup_key").asText()).isEqualTo("boxscore-fp-a");
    JsonNode p = e.get("payload");
    assertThat(p.get("summary").asText())
        .isEqualTo(
            RULE
                + ": Checkout is slow (kind=threshold, model=gpt-4o, service=checkout,"
                + " team=payments)");
    assertThat(p.get("source").asText()).isEqualTo("boxscore");
    assertThat(p.get("severity").asText()).isEqualTo("critical");
    assertThat(p.get("timestamp").asText()).isEqualTo("2026-12-07T13:50:00Z");
    assertThat(p.get("component").asText()).isEqualTo("gpt-4o");
    assertThat(p.get("group").asText()).isEqualTo("checkout");
    assertThat(p.get("class").asText()).isEqualTo("threshold");
    assertThat(p.get("custom_details").get("labels").get("team").asText()).isEqualTo("payments");
    assertThat(p.get("custom_details").get("values").get("calls").asText()).isEqualTo("57");
    assertThat(p.get("custom_details").get("annotations").get("summary").asText())
        .isEqualTo("Checkout is slow");
    assertThat(e.get("links").get(0).get("href").asText())
        .isEqualTo(EXTERNAL + "/#/traces?model=gpt-4o&service=checkout&range=1h");
    assertThat(e.get("links").get(0).get("text").asText()).isNotBlank();
    assertThat(e.get("client").asText()).isEqualTo("Boxscore");
    assertThat(e.get("client_url").asText()).isEqualTo(EXTERNAL);
  }

  @Test
  void resolveSharesTheDedupKeyAndNothingElse() throws Exception {
    Alert a = firing("fp-a", "gpt-4o");
    JsonNode e = event(resolved(a, T0));
    assertThat(e.get("event_action").asText()).isEqualTo("resolve");
    assertThat(e.get("dedup_key").asText()).isEqualTo(event(a).get("dedup_key").asText());
    assertThat(e.get("routing_key").asText()).isEqualTo(SECRET);
    assertThat(e.has("payload")).isFalse();
  }

  @Test
  void hugeLabelsAreCutTo1024CharSummary() throws Exception {
    Alert base = firing("fp-a", "gpt-4o");
    Map<String, String> labels = new HashMap<>(base.labels());
    labels.put("model", "m".repeat(100_000));
    Alert huge = new Alert("fp-a", true, labels, base.annotations(), base.values(), T0, null, null);
    JsonNode e = event(huge);
    assertThat(e.get("payload").get("summary").asText()).hasSize(1024).endsWith("…");
    // No link of its own: the UI is the next best place to look.
    assertThat(e.get("links").get(0).get("href").asText()).isEqualTo(EXTERNAL);
  }

  @Test
  void unknownSeverityIsWarning() {
    Alert base = firing("fp-a", "gpt-4o");
    Map<String, String> labels = new HashMap<>(base.labels());
    labels.put("severity", "page-everyone");
    Alert odd = new Alert("x", true, labels, Map.of(), Map.of(), T0, null, null);
    assertThat(PagerDutyEvent.severity(odd)).isEqualTo("warning");
    labels.put("severity", "info");
    assertThat(
            PagerDutyEvent.severity(
                new Alert("x", true, labels, Map.of(), Map.of(), T0, null, null)))
        .isEqualTo("info");
  }

  @Test
  void oneEventPerAlertAndNoneForNoAlerts() {
    assertThat(PagerDutyEvent.bodies(channel, GROUP, List.of(), EXTERNAL)).isEmpty();
    assertThat(
            PagerDutyEvent.bodies(
                channel, GROUP, List.of(firing("a", "m"), firing("b", "m")), EXTERNAL))
        .hasSize(2);
  }
}
