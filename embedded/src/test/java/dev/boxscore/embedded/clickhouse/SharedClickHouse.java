package dev.boxscore.embedded.clickhouse;

import com.clickhouse.client.api.Client;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One engine per test JVM (chDB allows one data directory per process; loading it costs ~0.5 s).
 */
final class SharedClickHouse {

  private static EmbeddedClickHouse instance;

  private SharedClickHouse() {}

  static synchronized EmbeddedClickHouse get() {
    if (instance == null) {
      try {
        Path target = Path.of("target");
        Files.createDirectories(target);
        Path dir = Files.createTempDirectory(target.toAbsolutePath(), "clickhouse-");
        instance = EmbeddedClickHouse.builder().dataDir(dir).build().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  static Client client() {
    return client(get(), "default");
  }

  static Client client(EmbeddedClickHouse clickHouse, String database) {
    return new Client.Builder()
        .addEndpoint(clickHouse.url())
        .setUsername(clickHouse.username())
        .setPassword(clickHouse.password())
        .setDefaultDatabase(database)
        .compressServerResponse(false)
        .compressClientRequest(false)
        .build();
  }

  /**
   * A raw HTTP request to the shared engine, with its credential, as a ClickHouse client sends it.
   */
  static java.net.http.HttpRequest.Builder request(String pathAndQuery) {
    return authorized(get(), pathAndQuery);
  }

  static java.net.http.HttpRequest.Builder authorized(
      EmbeddedClickHouse clickHouse, String pathAndQuery) {
    return java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(clickHouse.url() + pathAndQuery))
        .header("Authorization", clickHouse.basicAuthorization());
  }
}
