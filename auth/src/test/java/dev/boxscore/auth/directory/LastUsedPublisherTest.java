package dev.boxscore.auth.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which uses are published; close() waits for the queued sends, so the assertions see them all. */
class LastUsedPublisherTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

  private String decoded(String key, byte[] value) {
    return key + "@" + ControlRecords.used(value);
  }

  @Test
  void aKeysUsesArePublishedAtMostEveryThirtySeconds() {
    try (LastUsedPublisher publisher = new LastUsedPublisher((k, v) -> sent.add(decoded(k, v)))) {
      publisher.used("key_1", T0);
      publisher.used("key_1", T0.plusSeconds(29));
      publisher.used("key_1", T0.plusSeconds(30));
      publisher.used("key_1", T0.plusSeconds(45));
    }

    assertThat(sent).containsExactly("used/key_1@" + T0, "used/key_1@" + T0.plusSeconds(30));
  }

  @Test
  void keysAreDebouncedApart() {
    try (LastUsedPublisher publisher = new LastUsedPublisher((k, v) -> sent.add(decoded(k, v)))) {
      publisher.used("key_1", T0);
      publisher.used("key_2", T0.plusSeconds(1));
    }

    assertThat(sent).containsExactly("used/key_1@" + T0, "used/key_2@" + T0.plusSeconds(1));
  }

  @Test
  void aFailedSendIsDroppedAndTheNextStillGoesOut() {
    List<String> attempts = Collections.synchronizedList(new ArrayList<>());
    try (LastUsedPublisher publisher =
        new LastUsedPublisher(
            (k, v) -> {
              attempts.add(k);
              if (k.endsWith("key_1")) {
                throw new IllegalStateException("broker away");
              }
            })) {
      publisher.used("key_1", T0);
      publisher.used("key_2", T0);
    }

    assertThat(attempts).containsExactly("used/key_1", "used/key_2");
  }

  @Test
  void usesAfterCloseAreDropped() {
    LastUsedPublisher publisher = new LastUsedPublisher((k, v) -> sent.add(k));
    publisher.close();
    publisher.used("key_1", T0);

    assertThat(sent).isEmpty();
  }
}
