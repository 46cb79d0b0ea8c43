package dev.boxscore.embedded.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * In a separate JVM: SIGTERM still runs shutdown hooks with chDB loaded, and the engine closes
 * cleanly at exit.
 */
class ChdbSignalHandlingTest {

  @Test
  void sigtermRunsShutdownHooksAndTheDataIsThereForTheNextProcess() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "clickhouse-child-");

    Process writer = start("write", dir);
    List<String> writerOutput = collect(writer);
    await()
        .atMost(30, TimeUnit.SECONDS)
        .untilAsserted(() -> assertThat(writerOutput).contains("READY"));
    writer.destroy(); // SIGTERM

    assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(writer.exitValue()).isEqualTo(143);
    assertThat(dir.resolve("hook-ran")).as("written by the child's shutdown hook").exists();

    Process reader = start("read", dir);
    List<String> readerOutput = collect(reader);
    assertThat(reader.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(reader.exitValue()).as("exit code; output %s", readerOutput).isZero();
    await()
        .atMost(5, TimeUnit.SECONDS)
        .untilAsserted(() -> assertThat(readerOutput).contains("COUNT=1"));
  }

  private static Process start(String mode, Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            ChdbChildProcess.class.getName(),
            mode,
            dir.toString())
        .redirectErrorStream(true)
        .start();
  }

  private static List<String> collect(Process process) {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (Exception ignored) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }
}
