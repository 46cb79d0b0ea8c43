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
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DispatcherTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration INTERVAL = Duration.ofMinutes(5);
  private static final RetryPolicy FAST = new RetryPolicy(ofMs(10), ofMs(40), 6);

  private final Receiver receiver = Receiver.start();
  private final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
  private final NotificationLog log = new InMemoryNotificationLog();
  private final List<Dispatcher> dispatchers = new ArrayList<>();

  private final Alert a = firing("fp-a", "gpt-4o");
  private final Alert b = firing("fp-b", "gpt-4o-mini");

  @AfterEach
  void close() {
    dispatchers.forEach(Dispatcher::close);
    receiver.close();
  }

  private static Duration ofMs(long ms) {
    return Duration.ofMillis(ms);
  }

  private Dispatcher dispatcher() {
    return dispatcher(FAST);
  }

  private Dispatcher dispatcher(RetryPolicy retry) {
    Dispatcher d =
        Dispatcher.builder()
            .notificationLog(log)
            .listener(attempts::add)
            .externalUrl(EXTERNAL)
            .retryPolicy(retry)
            .build();
    dispatchers.add(d);
    return d;
  }

  private Channel channel(ChannelType type) {
    return TestAlerts.channel(type, receiver.url());
  }

  /** Ticks and waits until what the tick started has been delivered (or given up). */
  private static void tick(Dispatcher d, Instant at) {
    d.tick(at);
    await().atMost(Duration.ofSeconds(10)).until(d::idle);
  }

  private static Instant at(Duration d) {
    return T0.plus(d);
  }

  /** Fires a and b at T0, resolves both at T0+1m, with ticks past every timer after. */
  private void fireThenResolve(Dispatcher d, Channel c) {
    d.update(c, GROUP, List.of(a, b), T0);
    tick(d, T0);
    tick(d, at(WAIT).minusMillis(1));
    assertThat(receiver.requests()).isEmpty();
    tick(d, at(WAIT));

    Instant resolvedAt = T0.plusSeconds(60);
    List<Alert> gone = List.of(resolved(a, resolvedAt), resolved(b, resolvedAt));
    d.update(c, GROUP, gone, resolvedAt);
    tick(d, resolvedAt);
    tick(d, at(WAIT.plus(INTERVAL)));
    // The evaluator may keep passing resolved alerts: nothing more is owed.
    d.update(c, GROUP, gone, at(Duration.ofMinutes(20)));
    tick(d, at(Duration.ofMinutes(20)));
    tick(d, at(Duration.ofHours(5)));
  }

  @Test
  void webhookGetsOneFiringAndOneResolvedNotificationSigned() {
    fireThenResolve(dispatcher(), channel(ChannelType.WEBHOOK));

    List<Receiver.Request> requests = receiver.requests();
    assertThat(requests).hasSize(2);
    for (Receiver.Request r : requests) {
      assertThat(WebhookSignature.verify(SECRET, r.body(), r.signature())).isTrue();
      assertThat(r.contentType()).isEqualTo("application/json");
      assertThat(r.userAgent()).startsWith("Boxscore-Alerting");
    }
    JsonNode fired = requests.get(0).json();
    assertThat(fired.get("version").asText()).isEqualTo("4");
    assertThat(fired.get("status").asText()).isEqualTo("firing");
    assertThat(fired.get("groupKey").asText()).isEqualTo(GROUP);
    assertThat(fired.get("receiver").asText()).isEqualTo("ops webhook");
    assertThat(fired.get("alerts").findValuesAsText("fingerprint")).containsExactly("fp-a", "fp-b");
    assertThat(fired.get("alerts").findValuesAsText("status")).containsOnly("firing");
    assertThat(fired.get("alerts").findValuesAsText("endsAt")).containsOnly("0001-01-01T00:00:00Z");

    JsonNode done = requests.get(1).json();
    assertThat(done.get("status").asText()).isEqualTo("resolved");
    assertThat(done.get("alerts").findValuesAsText("fingerprint")).containsExactly("fp-a", "fp-b");
    assertThat(done.get("alerts").findValuesAsText("endsAt")).containsOnly("2026-12-07T14:01:00Z");

    assertThat(attempts)
        .extracting(
            DeliveryAttempt::notification, DeliveryAttempt::attempt, DeliveryAttempt::status)
        .containsExactly(
            tuple(NotificationKind.FIRING, 1, DeliveryStatus.OK),
            tuple(NotificationKind.RESOLVED, 1, DeliveryStatus.OK));
    assertThat(attempts.get(0).fingerprints()).containsExactly("fp-a", "fp-b");
    assertThat(attempts.get(0).httpStatus()).isEqualTo(200);
    assertThat(attempts.get(0).channelName()).isEqualTo("ops webhook");
    assertThat(attempts.get(0).groupKey()).isEqualTo(GROUP);
  }

  @Test
  void slackGetsOneFiringAndOneResolvedMessage() {
    fireThenResolve(dispatcher(), channel(ChannelType.SLACK));

    List<JsonNode> bodies = receiver.bodies();
    assertThat(bodies).hasSize(2);
    assertThat(bodies.get(0).get("text").asText()).isEqualTo("[FIRING:2] " + RULE);
    assertThat(bodies.get(0).get("blocks")).hasSize(3);
    assertThat(bodies.get(1).get("text").asText()).isEqualTo("[RESOLVED] " + RULE);
    assertThat(receiver.requests().get(0).signature()).isNull();
  }

  @Test
  void pagerDutyGetsOneTriggerAndOneResolvePerAlertSharingTheDedupKey() {
    fireThenResolve(dispatcher(), channel(ChannelType.PAGERDUTY));

    List<JsonNode> events = receiver.bodies();
    assertThat(events).hasSize(4);
    assertThat(events)
        .extracting(e -> e.get("event_action").asText() + " " + e.get("dedup_key").asText())
        .containsExactlyInAnyOrder(
            "trigger boxscore-fp-a",
            "trigger boxscore-fp-b",
            "resolve boxscore-fp-a",
            "resolve boxscore-fp-b");
    // Triggers before resolves: a group is not flushed again while it is being delivered.
    assertThat(events.subList(0, 2))
        .allMatch(e -> e.get("event_action").asText().equals("trigger"));
    JsonNode trigger = events.get(0);
    assertThat(trigger.get("routing_key").asText()).isEqualTo(SECRET);
    assertThat(trigger.get("payload").get("severity").asText()).isEqualTo("critical");
    assertThat(trigger.get("payload").get("source").asText()).isEqualTo("boxscore");
    assertThat(attempts).hasSize(4).allMatch(x -> x.fingerprints().size() == 1);
  }

  @ParameterizedTest
  @EnumSource(ChannelType.class)
  void retriesServerErrorsWithBackoffAndReportsEveryAttempt(ChannelType type) {
    Dispatcher d = dispatcher();
    Channel c = channel(type);
    receiver.answer(500, 500);
    d.update(c, GROUP, List.of(a), T0);
    tick(d, at(WAIT));

    assertThat(attempts)
        .extracting(DeliveryAttempt::attempt, DeliveryAttempt::status, DeliveryAttempt::httpStatus)
        .containsExactly(
            tuple(1, DeliveryStatus.FAILED, 500),
            tuple(2, DeliveryStatus.FAILED, 500),
            tuple(3, DeliveryStatus.OK, 200));
    assertThat(attempts.get(0).error()).contains("HTTP 500");
    assertThat(attempts.get(2).error()).isNull();
    assertThat(d.health(c.id()).consecutiveFailures()).isZero();

    d.update(c, GROUP, List.of(resolved(a, at(WAIT))), at(WAIT));
    tick(d, at(WAIT.plus(INTERVAL)));
    assertThat(receiver.requests()).hasSize(4); // 3 tries of the trigger, then the resolve
    assertThat(attempts.get(3).notification()).isEqualTo(NotificationKind.RESOLVED);
    assertThat(attempts.get(3).status()).isEqualTo(DeliveryStatus.OK);
  }

  @Test
  void retryDelaysDoubleUpToTheCap() {
    RetryPolicy p = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 10);
    assertThat(List.of(2, 3, 4, 5, 6, 7, 8, 9))
        .extracting(p::delayBefore)
        .extracting(Duration::toSeconds)
        .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L);
    assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(6);
  }

  @Test
  void groupWaitGroupIntervalAndRepeatInterval() {
    Dispatcher d = dispatcher();
    Channel c = channel(ChannelType.WEBHOOK);

    d.update(c, GROUP, List.of(a), T0);
    tick(d, at(WAIT).minusSeconds(1));
    assertThat(receiver.requests()).isEmpty(); // groupWait holds the first send
    d.update(c, GROUP, List.of(a, b), T0.plusSeconds(10)); // batched into the first send
    tick(d, at(WAIT));
    assertThat(receiver.bodies()).hasSize(1);
    assertThat(receiver.bodies().get(0).get("alerts")).hasSize(2);

    Alert c3 = firing("fp-c", "claude");
    d.update(c, GROUP, List.of(a, b, c3), at(Duration.ofMinutes(1)));
    tick(d, at(Duration.ofMinutes(1)));
    tick(d, at(WAIT.plus(INTERVAL)).minusSeconds(1));
    assertThat(receiver.requests()).hasSize(1); // groupInterval spaces changes
    tick(d, at(WAIT.plus(INTERVAL)));
    assertThat(receiver.requests()).hasSize(2);
    assertThat(receiver.bodies().get(1).get("alerts").findValuesAsText("fingerprint"))
        .containsExactly("fp-a", "fp-b", "fp-c");

    Instant lastSent = at(WAIT.plus(INTERVAL));
    tick(d, lastSent.plus(INTERVAL));
    tick(d, lastSent.plus(Duration.ofHours(4)).minusSeconds(1));
    assertThat(receiver.requests()).hasSize(2); // nothing changed, no repeat yet
    tick(d, lastSent.plus(Duration.ofHours(4)));
    assertThat(receiver.requests()).hasSize(3); // repeatInterval re-sends what fires
    assertThat(receiver.bodies().get(2).get("status").asText()).isEqualTo("firing");
  }

  @Test
  void pagerDutyGetsOnlyWhatChangedUntilTheRepeat() {
    Dispatcher d = dispatcher();
    Channel c = channel(ChannelType.PAGERDUTY);
    d.update(c, GROUP, List.of(a), T0);
    tick(d, at(WAIT));
    d.update(c, GROUP, List.of(a, b), T0.plusSeconds(60));
    tick(d, at(WAIT.plus(INTERVAL)));
    assertThat(receiver.bodies())
        .extracting(e -> e.get("dedup_key").asText())
        .containsExactly("boxscore-fp-a", "boxscore-fp-b");

    tick(d, at(WAIT.plus(INTERVAL)).plus(Duration.ofHours(4)));
    assertThat(receiver.bodies()).hasSize(4); // the repeat re-triggers both
  }

  @Test
  void clientErrorsAreNotRetried() {
    Dispatcher d = dispatcher();
    Channel c = channel(ChannelType.SLACK);
    receiver.answer(400);
    d.update(c, GROUP, List.of(a), T0);
    tick(d, at(WAIT));

    assertThat(receiver.requests()).hasSize(1);
    assertThat(attempts)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.status()).isEqualTo(DeliveryStatus.FAILED);
              assertThat(x.httpStatus()).isEqualTo(400);
              assertThat(x.error()).isEqualTo("HTTP 400: nope");
            });
    ChannelHealth h = d.health(c.id());
    assertThat(h.consecutiveFailures()).isEqualTo(1);
    assertThat(h.failing()).isFalse();
    assertThat(h.lastError()).isEqualTo("HTTP 400: nope");
    assertThat(h.lastAttemptAt()).isNotNull();
  }

  @Test
  void tooManyRequestsIsRetried() {
    Dispatcher d = dispatcher();
    Channel c = channel(ChannelType.PAGERDUTY);
    receiver.answer(429);
    d.update(c, GROUP, List.of(a), T0);
    tick(d, at(WAIT));
    assertThat(attempts).extracting(DeliveryAttempt::httpStatus).containsExactly(429, 200);
  }

  @Test
  void threeFailedNotificationsInARowMarkTheChannelFailingAndASuccessClearsIt() {
    Dispatcher d = dispatcher(new RetryPolicy(ofMs(5), ofMs(5), 2));
    Channel c = channel(ChannelType.WEBHOOK);
    receiver.otherwise(503);
    d.update(c, GROUP, List.of(a), T0);

    tick(d, at(WAIT));
    assertThat(d.health(c.id()).consecutiveFailures()).isEqualTo(1); // 2 attempts, 1 notification
    tick(d, at(WAIT.plus(INTERVAL)));
    assertThat(d.health(c.id()).failing()).isFalse();
    tick(d, at(WAIT.plus(INTERVAL.multipliedBy(2))));
    ChannelHealth failing = d.health(c.id());
    assertThat(failing.consecutiveFailures()).isEqualTo(3);
    assertThat(failing.failing()).isTrue();
    assertThat(failing.lastError()).isEqualTo("HTTP 503: nope");
    assertThat(attempts).hasSize(6);

    receiver.otherwise(200);
    tick(d, at(WAIT.plus(INTERVAL.multipliedBy(3))));
    ChannelHealth healed = d.health(c.id());
    assertThat(healed.consecutiveFailures()).isZero();
    assertThat(healed.failing()).isFalse();
    assertThat(healed.lastError()).isNull();
    assertThat(receiver.bodies().get(6).get("status").asText()).isEqualTo("firing");
  }

  @Test
  void restartedDispatcherSendsNoDuplicateTriggerButThePendingResolve() {
    Channel c = channel(ChannelType.PAGERDUTY);
    Dispatcher first = dispatcher();
    first.update(c, GROUP, List.of(a, b), T0);
    tick(first, at(WAIT));
    first.close();
    assertThat(receiver.requests()).hasSize(2);

    Dispatcher second = dispatcher();
    Instant later = at(Duration.ofMinutes(2));
    second.update(c, GROUP, List.of(a, resolved(b, later)), later);
    tick(second, later);
    tick(second, at(WAIT.plus(INTERVAL)));
    tick(second, at(Duration.ofHours(1)));

    assertThat(receiver.bodies()).hasSize(3);
    JsonNode resolve = receiver.bodies().get(2);
    assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
    assertThat(resolve.get("dedup_key").asText()).isEqualTo("boxscore-fp-b");

    // The firing one is repeated once repeatInterval has passed since the group's last
    // notification (the resolve's: PagerDuty's repeats are per group, as Alertmanager's).
    Instant lastNotified = at(WAIT.plus(INTERVAL));
    tick(second, lastNotified.plus(Duration.ofHours(4)).minusSeconds(1));
    assertThat(receiver.bodies()).hasSize(3);
    tick(second, lastNotified.plus(Duration.ofHours(4)));
    assertThat(receiver.bodies()).hasSize(4);
    assertThat(receiver.bodies().get(3).get("dedup_key").asText()).isEqualTo("boxscore-fp-a");
    assertThat(receiver.bodies().get(3).get("event_action").asText()).isEqualTo("trigger");
  }

  @Test
  void restartedDispatcherWithNothingNewStaysQuiet() {
    Channel c = channel(ChannelType.WEBHOOK);
    Dispatcher first = dispatcher();
    first.update(c, GROUP, List.of(a), T0);
    tick(first, at(WAIT));
    first.close();

    Dispatcher second = dispatcher();
    second.update(c, GROUP, List.of(a), at(Duration.ofMinutes(10)));
    tick(second, at(Duration.ofMinutes(10)));
    tick(second, at(Duration.ofHours(2)));
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void updateAndTickReturnAtOnceWhileTheReceiverHangs() {
    Dispatcher d = dispatcher();
    Channel c = channel(ChannelType.WEBHOOK);
    receiver.hang();
    d.update(c, GROUP, List.of(a), T0);
    d.tick(at(WAIT));
    await().until(() -> receiver.requests().size() == 1);

    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          for (int i = 0; i < 200; i++) {
            Instant now = at(WAIT).plusSeconds(i);
            d.update(c, GROUP, List.of(a, b), now);
            d.update(c, "other group", List.of(b), now);
            d.tick(now);
          }
        });
    assertThat(d.idle()).isFalse();
    assertThat(attempts).isEmpty();

    receiver.release();
    await().until(d::idle);
    // Both groups' first notifications, each sent once when the receiver let go.
    assertThat(attempts)
        .extracting(DeliveryAttempt::groupKey, DeliveryAttempt::attempt, DeliveryAttempt::status)
        .containsExactlyInAnyOrder(
            tuple(GROUP, 1, DeliveryStatus.OK), tuple("other group", 1, DeliveryStatus.OK));
  }

  @Test
  void emptyAlertListsSendNothing() {
    Dispatcher d = dispatcher();
    Channel c = channel(ChannelType.WEBHOOK);
    d.update(c, GROUP, List.of(), T0);
    tick(d, T0);
    tick(d, at(Duration.ofHours(5)));

    // Fired and vanished within groupWait: the receiver never knew, so no resolve either.
    d.update(c, "brief", List.of(a), T0);
    d.update(c, "brief", List.of(), T0.plusSeconds(5));
    tick(d, at(WAIT));
    tick(d, at(Duration.ofHours(5)));
    assertThat(receiver.requests()).isEmpty();
    assertThat(attempts).isEmpty();
  }

  @Test
  void anAlertThatVanishesAfterItsTriggerIsResolved() {
    Dispatcher d = dispatcher();
    Channel c = channel(ChannelType.PAGERDUTY);
    d.update(c, GROUP, List.of(a), T0);
    tick(d, at(WAIT));
    d.update(c, GROUP, List.of(), at(Duration.ofMinutes(1)));
    tick(d, at(WAIT.plus(INTERVAL)));
    assertThat(receiver.bodies())
        .extracting(e -> e.get("event_action").asText())
        .containsExactly("trigger", "resolve");
  }

  @Test
  void resolvedAlertsNeverNotifiedAsFiringSendNothing() {
    Dispatcher d = dispatcher();
    Channel c = channel(ChannelType.WEBHOOK);
    d.update(c, GROUP, List.of(resolved(a, T0)), T0);
    tick(d, at(WAIT));
    tick(d, at(Duration.ofHours(5)));
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void webhookWithoutSecretIsAFailedAttemptNotAnUnsignedDelivery() {
    Dispatcher d = dispatcher();
    Channel c = TestAlerts.channel(ChannelType.WEBHOOK, receiver.url(), null);
    d.update(c, GROUP, List.of(a), T0);
    tick(d, at(WAIT));

    assertThat(receiver.requests()).isEmpty();
    assertThat(attempts)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.attempt()).isEqualTo(1);
              assertThat(x.status()).isEqualTo(DeliveryStatus.FAILED);
              assertThat(x.httpStatus()).isNull();
              assertThat(x.error()).startsWith("secret:");
            });
    assertThat(d.health(c.id()).consecutiveFailures()).isEqualTo(1);
    assertThat(d.health(c.id()).lastError()).startsWith("secret:");
  }

  @Test
  void unreachableReceiverIsRetriedThenFails() {
    Dispatcher d = dispatcher(new RetryPolicy(ofMs(5), ofMs(10), 3));
    Channel c = TestAlerts.channel(ChannelType.SLACK, "http://127.0.0.1:1/nothing-here");
    d.update(c, GROUP, List.of(a), T0);
    tick(d, at(WAIT));
    assertThat(attempts)
        .extracting(DeliveryAttempt::attempt, DeliveryAttempt::status, DeliveryAttempt::httpStatus)
        .containsExactly(
            tuple(1, DeliveryStatus.FAILED, null),
            tuple(2, DeliveryStatus.FAILED, null),
            tuple(3, DeliveryStatus.FAILED, null));
    assertThat(attempts.get(0).error()).contains("ConnectException");
  }

  @Test
  void sendTestIsOneSynchronousAttempt() {
    Dispatcher d = dispatcher();
    Channel c = channel(ChannelType.WEBHOOK);

    assertThat(d.sendTest(c, T0)).isEqualTo(new DeliveryResult(DeliveryStatus.OK, 200, null));
    Receiver.Request r = receiver.requests().get(0);
    assertThat(WebhookSignature.verify(SECRET, r.body(), r.signature())).isTrue();
    JsonNode alert = r.json().get("alerts").get(0);
    assertThat(alert.get("labels").get("alertname").asText())
        .isEqualTo("Boxscore test notification");
    assertThat(alert.get("status").asText()).isEqualTo("firing");

    receiver.answer(500);
    assertThat(d.sendTest(c, T0))
        .isEqualTo(new DeliveryResult(DeliveryStatus.FAILED, 500, "HTTP 500: nope"));
    assertThat(receiver.requests()).hasSize(2); // no retry

    Channel noKey = TestAlerts.channel(ChannelType.PAGERDUTY, receiver.url(), " ");
    DeliveryResult misconfigured = d.sendTest(noKey, T0);
    assertThat(misconfigured.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(misconfigured.httpStatus()).isNull();
    assertThat(misconfigured.error()).startsWith("secret:");
    assertThat(attempts).isEmpty(); // tests are not alert deliveries
    assertThat(d.health(c.id())).isEqualTo(ChannelHealth.UNKNOWN);
  }

  @Test
  void realTimeModeTicksByItself() {
    Dispatcher d =
        Dispatcher.builder()
            .notificationLog(log)
            .listener(attempts::add)
            .clock(Clock.systemUTC())
            .build();
    dispatchers.add(d);
    Channel quick =
        new Channel(
            "chn_quick",
            "prj_1",
            "quick",
            ChannelType.WEBHOOK,
            receiver.url(),
            SECRET,
            Duration.ZERO,
            Duration.ofMinutes(5),
            Duration.ofHours(4));
    d.start();
    d.update(quick, GROUP, List.of(a), Instant.now());
    await().atMost(Duration.ofSeconds(10)).until(() -> attempts.size() == 1);
    d.close();
    assertThat(attempts.get(0).status()).isEqualTo(DeliveryStatus.OK);
  }
}
