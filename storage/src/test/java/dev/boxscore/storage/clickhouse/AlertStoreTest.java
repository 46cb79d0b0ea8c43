package dev.boxscore.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.embedded.clickhouse.EmbeddedClickHouse;
import dev.boxscore.storage.alerts.AlertDocument;
import dev.boxscore.storage.alerts.AlertEventRow;
import dev.boxscore.storage.alerts.AlertInstanceRow;
import dev.boxscore.storage.alerts.AlertStore;
import dev.boxscore.storage.alerts.DocumentKind;
import dev.boxscore.storage.alerts.EventQuery;
import dev.boxscore.storage.alerts.NotificationLogRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alerting state on the real engine: latest versions win, projects stay apart, pages hold. */
class AlertStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private static EmbeddedClickHouse engine;
  private static ClickHouseStorage storage;
  private static AlertStore store;

  @BeforeAll
  static void start() throws Exception {
    engine = TestEngine.start();
    storage = TestEngine.storage(engine).database("alerts_test").build().start();
    store = storage.alertStore();
  }

  @AfterAll
  static void stop() {
    storage.close();
    engine.close();
  }

  @Test
  void theLatestVersionOfADocumentWinsAndDeletesAreKept() {
    store.putDocument("p1", DocumentKind.RULE, new AlertDocument("rul_a", "{\"v\":1}", false, 10));
    store.putDocument("p1", DocumentKind.RULE, new AlertDocument("rul_a", "{\"v\":2}", false, 20));
    store.putDocument("p1", DocumentKind.RULE, new AlertDocument("rul_b", "{}", false, 10));
    store.putDocument("p1", DocumentKind.RULE, new AlertDocument("rul_b", "{}", true, 30));
    store.putDocument(
        "p2", DocumentKind.CHANNEL, new AlertDocument("chn_x", "{\"tab\":\"\\t\\\\N\"}", false, 1));

    assertThat(store.documents("p1", DocumentKind.RULE))
        .containsExactly(
            new AlertDocument("rul_a", "{\"v\":2}", false, 20),
            new AlertDocument("rul_b", "{}", true, 30));
    assertThat(store.documents("p2", DocumentKind.RULE)).isEmpty();
    assertThat(store.documents("p2", DocumentKind.CHANNEL).get(0).body())
        .isEqualTo("{\"tab\":\"\\t\\\\N\"}");
    assertThat(store.projectsWith(DocumentKind.RULE)).containsExactly("p1");
  }

  @Test
  void alertStatesKeepTheNewestEvaluation() {
    AlertInstanceRow pending =
        new AlertInstanceRow(
            "rul_s",
            "model=gpt-4o",
            "{\"model\":\"gpt-4o\"}",
            "pending",
            T0,
            T0,
            null,
            null,
            T0,
            T0,
            2.5,
            "{\"value\":\"2.5\"}",
            null,
            false);
    AlertInstanceRow firing =
        new AlertInstanceRow(
            "rul_s",
            "model=gpt-4o",
            "{\"model\":\"gpt-4o\"}",
            "firing",
            T0.plusSeconds(60),
            T0,
            T0.plusSeconds(60),
            null,
            T0.plusSeconds(60),
            T0.plusSeconds(60),
            Double.NaN,
            "{}",
            "",
            false);
    store.putInstances("p3", List.of(firing), 2);
    store.putInstances("p3", List.of(pending), 1);

    assertThat(store.instances("p3"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.state()).isEqualTo("firing");
              assertThat(r.firedAt()).isEqualTo(T0.plusSeconds(60));
              assertThat(r.resolvedAt()).isNull();
              assertThat(r.value()).isNull();
            });
    assertThat(store.instances("p1")).isEmpty();
  }

  @Test
  void historyPagesNewestFirstWithACursor() {
    List<AlertEventRow> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(
          new AlertEventRow(
              T0.plusSeconds(i),
              "e" + i,
              AlertEventRow.TRANSITION,
              i % 2 == 0 ? "rul_even" : "rul_odd",
              "rule",
              "{}",
              "pending",
              "firing",
              (double) i,
              "{}",
              null,
              null,
              null,
              0,
              false,
              null,
              null,
              null));
    }
    store.appendEvents("p4", events);
    Instant to = T0.plusSeconds(3600);
    List<AlertEventRow> first = store.events("p4", new EventQuery(T0, to, null, 2, null, null));
    assertThat(first).extracting(AlertEventRow::eventId).containsExactly("e4", "e3");
    AlertEventRow last = first.get(1);
    assertThat(store.events("p4", new EventQuery(T0, to, null, 10, last.at(), last.eventId())))
        .extracting(AlertEventRow::eventId)
        .containsExactly("e2", "e1", "e0");
    assertThat(store.events("p4", new EventQuery(T0, to, "rul_odd", 10, null, null)))
        .extracting(AlertEventRow::eventId)
        .containsExactly("e3", "e1");
    assertThat(store.events("p5", new EventQuery(T0, to, null, 10, null, null))).isEmpty();
  }

  @Test
  void channelHealthAndTheNotificationLogComeBack() {
    store.appendEvents(
        "p6",
        List.of(
            delivery(0, "ok", null, true),
            delivery(1, "failed", "HTTP 500", false),
            delivery(2, "failed", "HTTP 503", true),
            delivery(3, "failed", "timeout", true)));
    assertThat(store.channelHealth("p6"))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.lastNotifications()).containsExactly("failed", "failed", "ok");
              assertThat(h.lastError()).isEqualTo("timeout");
              assertThat(h.lastAttemptAt()).isEqualTo(T0.plusSeconds(3));
            });

    store.recordNotification(
        "p6", new NotificationLogRow("chn_a", "rul_s", List.of("f1", "f2"), List.of(), T0));
    store.recordNotification(
        "p6",
        new NotificationLogRow("chn_a", "rul_s", List.of("f2"), List.of("f1"), T0.plusSeconds(9)));
    assertThat(store.notificationLog("p6"))
        .containsExactly(
            new NotificationLogRow(
                "chn_a", "rul_s", List.of("f2"), List.of("f1"), T0.plusSeconds(9)));
  }

  private static AlertEventRow delivery(int second, String status, String error, boolean isFinal) {
    return new AlertEventRow(
        T0.plusSeconds(second),
        "d" + second,
        AlertEventRow.DELIVERY,
        "rul_s",
        "rule",
        "{}",
        null,
        null,
        null,
        null,
        "chn_a",
        "ops",
        "firing",
        1,
        isFinal,
        status,
        status.equals("ok") ? 200 : null,
        error);
  }
}
