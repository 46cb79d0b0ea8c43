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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackMessageTest {
  private final Channel channel = channel(ChannelType.SLACK, "https://hooks.slack.com/x");

  private static JsonNode message(Channel c, List<Alert> alerts) throws Exception {
    return Json.MAPPER.readTree(SlackMessage.body(c, GROUP, alerts, EXTERNAL));
  }

  @Test
  void headerSectionPerAlertAndButtons() throws Exception {
    JsonNode m = message(channel, List.of(firing("a", "gpt-4o"), firing("b", "gpt-4o-mini")));
    assertThat(m.get("text").asText()).isEqualTo("[FIRING:2] " + RULE);
    JsonNode blocks = m.get("blocks");
    assertThat(blocks).hasSize(3);
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
    assertThat(blocks.get(0).get("text").get("text").asText()).isEqualTo("[FIRING:2] " + RULE);

    JsonNode section = blocks.get(1);
    assertThat(section.get("type").asText()).isEqualTo("section");
    String text = section.get("text").get("text").asText();
    assertThat(text)
        .startsWith("*Firing* · critical")
        .contains("`model=gpt-4o`", "`service=checkout`", "`team=payments`")
        .contains("Checkout is slow")
        .contains("`value: 2310.5`", "`threshold: 2000`")
        .doesNotContain("rul_7f3a9c2e4b1d");
    JsonNode button = section.get("accessory");
    assertThat(button.get("type").asText()).isEqualTo("button");
    assertThat(button.get("url").asText())
        .isEqualTo(EXTERNAL + "/#/traces?model=gpt-4o&service=checkout&range=1h");
  }

  @Test
  void resolvedHeader() throws Exception {
    JsonNode m = message(channel, List.of(resolved(firing("a", "gpt-4o"), T0)));
    assertThat(m.get("text").asText()).isEqualTo("[RESOLVED] " + RULE);
    assertThat(m.get("blocks").get(1).get("text").get("text").asText()).startsWith("*Resolved*");
  }

  @Test
  void staysWithinSlackLimits() throws Exception {
    Alert base = firing("a", "gpt-4o");
    Map<String, String> labels = new HashMap<>(base.labels());
    labels.put("alertname", "x".repeat(500));
    labels.put("note", "<b>&" + "y".repeat(5000));
    List<Alert> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(
          new Alert("fp" + i, true, labels, base.annotations(), base.values(), T0, null, "/#/x"));
    }
    JsonNode m = message(channel, many);
    JsonNode blocks = m.get("blocks");
    assertThat(blocks.size()).isLessThanOrEqualTo(50);
    assertThat(blocks.get(0).get("text").get("text").asText()).hasSizeLessThanOrEqualTo(150);
    String section = blocks.get(1).get("text").get("text").asText();
    assertThat(section).hasSizeLessThanOrEqualTo(3000).contains("&lt;b&gt;&amp;");
    assertThat(blocks.get(blocks.size() - 1).toString()).contains("and 15 more");
  }

  @Test
  void emptyGroup() throws Exception {
    JsonNode m = message(channel, List.of());
    assertThat(m.get("text").asText()).isEqualTo("[RESOLVED] Boxscore alert");
    assertThat(m.get("blocks")).hasSize(1);
  }
}
