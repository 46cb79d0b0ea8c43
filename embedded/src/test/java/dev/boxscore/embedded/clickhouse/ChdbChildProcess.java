package dev.boxscore.embedded.clickhouse;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A separate JVM for the signal test: {@code write DIR} inserts a row and waits for SIGTERM, {@code
 * read DIR} counts.
 */
public final class ChdbChildProcess {

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    EmbeddedClickHouse clickHouse = EmbeddedClickHouse.builder().dataDir(dir).build().start();
    if (args[0].equals("write")) {
      post(clickHouse, "CREATE TABLE IF NOT EXISTS child (n UInt32) ENGINE = MergeTree ORDER BY n");
      post(clickHouse, "INSERT INTO child VALUES (1)");
      // A marker file, not stdout: stdout is not reliable this late in the shutdown.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      java.nio.file.Files.writeString(dir.resolve("hook-ran"), "yes");
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }));
      System.out.println("READY");
      System.out.flush();
      new CountDownLatch(1).await();
    } else {
      System.out.println("COUNT=" + post(clickHouse, "SELECT count() FROM child").strip());
      clickHouse.close();
    }
  }

  private static String post(EmbeddedClickHouse clickHouse, String sql) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                SharedClickHouse.authorized(clickHouse, "/")
                    .POST(HttpRequest.BodyPublishers.ofString(sql))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.body());
    }
    return response.body();
  }
}
