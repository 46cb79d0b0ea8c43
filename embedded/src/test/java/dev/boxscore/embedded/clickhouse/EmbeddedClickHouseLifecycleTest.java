package dev.boxscore.embedded.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.Client;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmbeddedClickHouseLifecycleTest {

  @Test
  void stoppedServerRefusesClientsAndRestartsOnTheSamePortWithDataIntact() throws Exception {
    Path dir = SharedClickHouse.get().dataDir();
    try (EmbeddedClickHouse clickHouse = EmbeddedClickHouse.builder().dataDir(dir).build().start();
        Client client = SharedClickHouse.client(clickHouse, "default")) {
      client
          .execute("CREATE TABLE outage (n UInt8) ENGINE = MergeTree ORDER BY n")
          .get(10, TimeUnit.SECONDS);
      client.execute("INSERT INTO outage VALUES (1), (2)").get(10, TimeUnit.SECONDS);
      int port = clickHouse.port();

      clickHouse.stopServer();

      assertThat(clickHouse.isServing()).isFalse();
      assertThatThrownBy(() -> client.queryAll("SELECT count() FROM outage"))
          .isInstanceOf(Exception.class);

      clickHouse.startServer();

      assertThat(clickHouse.port()).isEqualTo(port);
      assertThat(client.queryAll("SELECT count() AS c FROM outage"))
          .extracting(r -> r.getLong("c"))
          .containsExactly(2L);
    }
    // The shared instance kept serving throughout.
    try (Client shared = SharedClickHouse.client()) {
      assertThat(shared.queryAll("SELECT count() AS c FROM outage"))
          .extracting(r -> r.getLong("c"))
          .containsExactly(2L);
    }
  }

  @Test
  void dataPersistsAcrossCloseAndANewInstanceOnTheSameDirectory() throws Exception {
    Path dir = SharedClickHouse.get().dataDir();
    try (EmbeddedClickHouse first = EmbeddedClickHouse.builder().dataDir(dir).build().start();
        Client client = SharedClickHouse.client(first, "default")) {
      client
          .execute("CREATE TABLE kept (s String) ENGINE = MergeTree ORDER BY s")
          .get(10, TimeUnit.SECONDS);
      client.execute("INSERT INTO kept VALUES ('survives')").get(10, TimeUnit.SECONDS);
    }

    try (EmbeddedClickHouse second = EmbeddedClickHouse.builder().dataDir(dir).build().start();
        Client client = SharedClickHouse.client(second, "default")) {
      assertThat(client.queryAll("SELECT s FROM kept"))
          .extracting(r -> r.getString("s"))
          .containsExactly("survives");
    }
  }

  @Test
  void anotherDataDirectoryWhileOneIsOpenFailsNamingBoth() {
    Path open = SharedClickHouse.get().dataDir();
    Path other = open.resolveSibling(open.getFileName() + "-other");

    assertThatThrownBy(() -> EmbeddedClickHouse.builder().dataDir(other).build().start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("one data directory per process")
        .hasMessageContaining(open.toString())
        .hasMessageContaining(other.toString());
  }

  @Test
  void jvmSurvivesManyNullPointerExceptionsInCompiledCodeAfterConnecting() {
    SharedClickHouse.get();
    int caught = 0;
    // Hot enough for the JIT: compiled code finds null through a SIGSEGV the JVM's own handler must
    // turn into NPEs.
    for (int i = 0; i < 2_000_000; i++) {
      try {
        caught += lengthOf(i % 3 == 0 ? null : "ab");
      } catch (NullPointerException e) {
        caught++;
      }
    }

    assertThat(caught).isEqualTo(2_000_000 / 3 + 1 + (2_000_000 - (2_000_000 / 3 + 1)) * 2);
    try (Client client = SharedClickHouse.client()) {
      assertThat(client.queryAll("SELECT 1 AS one")).hasSize(1);
    }
  }

  private static int lengthOf(String text) {
    return text.length();
  }

  @Test
  void builderRejectsBadOptionsNamingThem() {
    assertThatThrownBy(() -> EmbeddedClickHouse.builder().build()).hasMessageContaining("dataDir");
    assertThatThrownBy(() -> EmbeddedClickHouse.builder().port(70000)).hasMessageContaining("port");
    assertThatThrownBy(() -> EmbeddedClickHouse.builder().connectionPoolSize(0))
        .hasMessageContaining("connectionPoolSize");
    assertThatThrownBy(() -> EmbeddedClickHouse.builder().dataDir(Path.of("x")).build().url())
        .hasMessageContaining("not started");
  }

  @Test
  void missingLibraryIsReportedWithItsPath() {
    Path missing = Path.of("/nonexistent/libchdb.so");

    assertThatThrownBy(
            () ->
                EmbeddedClickHouse.builder()
                    .dataDir(Path.of("target/unused"))
                    .libraryPath(missing)
                    .build()
                    .start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("libchdb.so not found at " + missing);
  }
}
