package dev.boxscore.server;

import dev.boxscore.embedded.clickhouse.EmbeddedClickHouse;
import dev.boxscore.embedded.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * The one-machine mode's infrastructure: an embedded Kafka broker and an embedded ClickHouse engine
 * under one data directory, each started only when no external one is configured, plus the
 * bootstrap API key. It yields the configuration that points the roles at them.
 */
public final class OneMachine implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(OneMachine.class);

  private final Path dataDir;
  private EmbeddedKafka kafka;
  private EmbeddedClickHouse clickHouse;
  private final Map<String, String> config = new LinkedHashMap<>();

  private OneMachine(Path dataDir) {
    this.dataDir = dataDir;
  }

  /**
   * Starts what the environment does not provide.
   *
   * @param embedKafka whether to start the embedded broker (false: an external cluster is used, or
   *     none is needed)
   * @param embedClickHouse whether to start the embedded engine (false: an external server is used,
   *     or none)
   * @param bootstrapKey the API key to use, or null to use (or create) the one kept in the data
   *     directory
   */
  public static OneMachine start(
      Path dataDir, boolean embedKafka, boolean embedClickHouse, String bootstrapKey)
      throws IOException {
    return start(dataDir, embedKafka, embedClickHouse, bootstrapKey, null, null);
  }

  /**
   * @param kafkaPassword the embedded broker's password (user {@code boxscore}), for tools an
   *     operator connects to it; null: made for this start and known to this process only
   * @param clickHousePassword the same for the embedded engine
   */
  public static OneMachine start(
      Path dataDir,
      boolean embedKafka,
      boolean embedClickHouse,
      String bootstrapKey,
      String kafkaPassword,
      String clickHousePassword)
      throws IOException {
    Files.createDirectories(dataDir);
    ownerOnly(dataDir);
    OneMachine machine = new OneMachine(dataDir);
    try {
      if (embedKafka) {
        Ports ports = Ports.load(dataDir.resolve("kafka-ports.properties"));
        EmbeddedKafka.Builder kafka =
            EmbeddedKafka.builder()
                .dataDir(dataDir.resolve("kafka"))
                .port(ports.broker)
                .controllerPort(ports.controller);
        if (kafkaPassword != null) {
          kafka.credentials("boxscore", kafkaPassword);
        }
        machine.kafka = kafka.build();
        machine.kafka.start();
        machine.config.put("boxscore.kafka.bootstrap", machine.kafka.bootstrapServers());
        // The broker takes only its own user, made for this start: a local process cannot write the
        // control topic.
        machine.config.put("boxscore.kafka.security-protocol", "SASL_PLAINTEXT");
        machine.config.put("boxscore.kafka.sasl.mechanism", "PLAIN");
        machine.config.put("boxscore.kafka.sasl.username", machine.kafka.username());
        machine.config.put("boxscore.kafka.sasl.password", machine.kafka.password());
      }
      if (embedClickHouse) {
        EmbeddedClickHouse.shutdownEngineManually();
        EmbeddedClickHouse.Builder clickHouse =
            EmbeddedClickHouse.builder().dataDir(dataDir.resolve("clickhouse"));
        if (clickHousePassword != null) {
          clickHouse.credentials("boxscore", clickHousePassword);
        }
        machine.clickHouse = clickHouse.build();
        machine.clickHouse.start();
        machine.config.put("boxscore.clickhouse.url", machine.clickHouse.url());
        // The engine answers only this credential, made for this start (no other local process
        // knows it).
        machine.config.put("boxscore.clickhouse.username", machine.clickHouse.username());
        machine.config.put("boxscore.clickhouse.password", machine.clickHouse.password());
      }
      machine.config.put(
          "boxscore.auth.bootstrap-key", bootstrapKey != null ? bootstrapKey : machine.storedKey());
    } catch (IOException | RuntimeException e) {
      machine.close();
      throw e;
    }
    return machine;
  }

  /** Configuration that points the roles at what this machine started. */
  public Map<String, String> config() {
    return Map.copyOf(config);
  }

  public boolean embeddedKafka() {
    return kafka != null;
  }

  public boolean embeddedClickHouse() {
    return clickHouse != null;
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public EmbeddedClickHouse clickHouse() {
    return clickHouse;
  }

  public Path dataDir() {
    return dataDir;
  }

  /**
   * The key kept in the data directory (mode 600), created on first start, so restarts keep working
   * keys.
   */
  private String storedKey() throws IOException {
    Path file = dataDir.resolve("bootstrap-key");
    if (Files.exists(file)) {
      String key = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!key.isEmpty()) {
        return key;
      }
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String key = "bx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      LOG.debug(
          "file system without POSIX permissions; bootstrap-key left with default permissions");
    }
    return key;
  }

  /**
   * The data directory holds every project's spans, the broker's log and the bootstrap key: only
   * its owner may enter it (0700), whatever the umask made it (the launcher also sets umask 077 for
   * the files made inside).
   */
  private static void ownerOnly(Path dataDir) throws IOException {
    try {
      Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      LOG.debug(
          "file system without POSIX permissions; data directory left with default permissions");
    }
  }

  /** Stops the broker (after the clients, which Quarkus has closed by then) and the engine. */
  @Override
  public synchronized void close() {
    if (kafka != null) {
      try {
        kafka.close();
      } catch (Exception e) {
        LOG.warn("embedded Kafka did not stop cleanly", e);
      }
      kafka = null;
    }
    if (clickHouse != null) {
      clickHouse.close();
      EmbeddedClickHouse.shutdownEngine();
      clickHouse = null;
    }
  }

  /**
   * Broker and controller ports, chosen once per data directory: the KRaft quorum is configured
   * with them.
   */
  private record Ports(int broker, int controller) {
    static Ports load(Path file) throws IOException {
      Properties props = new Properties();
      if (Files.exists(file)) {
        try (var in = Files.newInputStream(file)) {
          props.load(in);
        }
        return new Ports(
            Integer.parseInt(props.getProperty("broker")),
            Integer.parseInt(props.getProperty("controller")));
      }
      Ports ports = new Ports(freePort(), freePort());
      props.setProperty("broker", Integer.toString(ports.broker));
      props.setProperty("controller", Integer.toString(ports.controller));
      try (var out = Files.newOutputStream(file)) {
        props.store(out, "ports of the embedded Kafka broker for this data directory");
      }
      return ports;
    }

    private static int freePort() {
      try (ServerSocket socket =
          new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
