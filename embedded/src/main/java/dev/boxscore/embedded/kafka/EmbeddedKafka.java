package dev.boxscore.embedded.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one) running in this JVM.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).build().start()) {
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 *     producerProps.putAll(kafka.clientProperties()); // SASL/PLAIN: the broker accepts only its own user
 * }
 * }</pre>
 *
 * <p>{@link #stop()} and {@link #start()} again reuse the same directory and ports, so a test can
 * take the broker away and bring it back with its records. Storage is formatted on the first start
 * only.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final String CLUSTER_ID_FILE = "boxscore-cluster-id";

  private final Path dataDir;
  private final String host;
  private final int partitions;
  private final Map<String, String> overrides;
  private final String username;
  private final String password;
  private int port;
  private int controllerPort;
  private KafkaRaftServer server;

  private EmbeddedKafka(Builder builder) {
    this.dataDir = builder.dataDir.toAbsolutePath().normalize();
    this.host = builder.host;
    this.port = builder.port;
    this.controllerPort = builder.controllerPort;
    this.partitions = builder.partitions;
    this.overrides = Map.copyOf(builder.overrides);
    this.username = builder.username;
    this.password = builder.password != null ? builder.password : generatedPassword();
  }

  private static String generatedPassword() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** The one user the broker accepts. */
  public String username() {
    return username;
  }

  /** Its password: the builder's, else one generated for this instance. */
  public String password() {
    return password;
  }

  /**
   * What a client needs beside {@code bootstrap.servers}: SASL/PLAIN with this broker's user
   * ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}).
   */
  public Map<String, String> clientProperties() {
    return Map.of(
        "security.protocol", "SASL_PLAINTEXT",
        "sasl.mechanism", "PLAIN",
        "sasl.jaas.config", jaas(""));
  }

  /**
   * The PLAIN login of this broker's user; {@code more} adds options (the broker's table of users).
   */
  private String jaas(String more) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + username
        + "\" password=\""
        + password
        + "\""
        + more
        + ";";
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Formats the storage if needed and starts the broker; returns once it is started (a first
   * produce may still wait a moment for the broker to register). No-op when running.
   *
   * @throws IllegalStateException if formatting or start-up fails
   */
  public synchronized EmbeddedKafka start() {
    if (server != null) {
      return this;
    }
    if (port == 0) {
      port = freePort(host);
    }
    if (controllerPort == 0) {
      controllerPort = freePort(host);
    }
    Properties properties = brokerProperties();
    format(brokerProperties(false));
    KafkaRaftServer created = new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
    try {
      created.startup();
    } catch (RuntimeException e) {
      created.shutdown();
      created.awaitShutdown();
      throw new IllegalStateException("Embedded Kafka failed to start on " + host + ":" + port, e);
    }
    server = created;
    return this;
  }

  /**
   * Shuts the broker down and waits until it is down; the data and ports are kept for {@link
   * #start()}.
   */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      server = null;
    }
  }

  /**
   * "HOST:PORT" for bootstrap.servers. The port is fixed at the first start and kept across
   * restarts.
   */
  public synchronized String bootstrapServers() {
    if (port == 0) {
      throw new IllegalStateException("EmbeddedKafka has not been started; call start()");
    }
    return host + ":" + port;
  }

  public synchronized int port() {
    return port;
  }

  public synchronized int controllerPort() {
    return controllerPort;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    stop();
  }

  private Properties brokerProperties() {
    return brokerProperties(true);
  }

  /**
   * @param withSecrets false for the copy written to disk for formatting, which needs no credential
   */
  private Properties brokerProperties(boolean withSecrets) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", "1");
    config.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    // Both listeners take SASL/PLAIN with this instance's one user: the ports are open to every
    // local process,
    // and the control topic holds projects and key digests. Named BROKER, not PLAINTEXT, so no
    // client takes
    // the listener for an unauthenticated one.
    config.put(
        "listeners",
        "BROKER://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    config.put("advertised.listeners", "BROKER://" + host + ":" + port);
    config.put("controller.listener.names", "CONTROLLER");
    config.put("inter.broker.listener.name", "BROKER");
    config.put("listener.security.protocol.map", "CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT");
    config.put("sasl.enabled.mechanisms", "PLAIN");
    config.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
    config.put("sasl.mechanism.controller.protocol", "PLAIN");
    config.put("log.dirs", dataDir.resolve("logs").toString());
    config.put("metadata.log.dir", dataDir.resolve("metadata").toString());
    config.put("num.partitions", Integer.toString(partitions));
    config.put("default.replication.factor", "1");
    config.put("offsets.topic.replication.factor", "1");
    config.put("offsets.topic.num.partitions", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("min.insync.replicas", "1");
    config.put("group.initial.rebalance.delay.ms", "0");
    // The 128 MB default dominates the heap of a small broker.
    config.put("log.cleaner.dedupe.buffer.size", "8388608");
    // A restart after a crash waits for the old registration to expire: keep that short.
    config.put("broker.session.timeout.ms", "3000");
    config.put("broker.heartbeat.interval.ms", "500");
    config.put("auto.create.topics.enable", "true");
    config.putAll(overrides);
    String jaas = jaas(" user_" + username + "=\"" + password + "\"");
    if (withSecrets) {
      config.put("listener.name.broker.plain.sasl.jaas.config", jaas);
      config.put("listener.name.controller.plain.sasl.jaas.config", jaas);
      // The controller's client side (the broker talking to its own controller) logs in with the
      // same user.
      config.put("sasl.jaas.config", jaas);
    }
    Properties properties = new Properties();
    properties.putAll(config);
    return properties;
  }

  /** StorageTool format, in-process; --ignore-formatted makes it a no-op on later starts. */
  private void format(Properties properties) {
    Path propertiesFile = dataDir.resolve("server.properties");
    try {
      Files.createDirectories(dataDir);
      try (OutputStream out = Files.newOutputStream(propertiesFile)) {
        properties.store(out, "Written by EmbeddedKafka on each start");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + propertiesFile, e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exitCode =
          StorageTool$.MODULE$.execute(
              new String[] {
                "format", "-t", clusterId(), "-c", propertiesFile.toString(), "--ignore-formatted"
              },
              printStream);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Formatting Kafka storage in " + dataDir + " failed: " + output, e);
    }
    if (exitCode != 0) {
      throw new IllegalStateException(
          "Formatting Kafka storage in "
              + dataDir
              + " failed (exit "
              + exitCode
              + "): "
              + output.toString(StandardCharsets.UTF_8));
    }
  }

  /** One cluster id per data directory, kept beside the logs. */
  private String clusterId() {
    Path file = dataDir.resolve(CLUSTER_ID_FILE);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      String id = Uuid.randomUuid().toString();
      Files.writeString(file, id, StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write " + file, e);
    }
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + host, e);
    }
  }

  /** Options; only {@link #dataDir(Path)} is required. */
  public static final class Builder {
    private Path dataDir;
    private String host = "127.0.0.1";
    private int port;
    private int controllerPort;
    private int partitions = 3;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private String username = "boxscore";
    private String password;

    private Builder() {}

    /**
     * The one user both listeners accept (SASL/PLAIN). Default: {@code boxscore} with a password
     * generated per instance ({@link EmbeddedKafka#password()}); give a fixed one when a broker
     * process is restarted under clients that keep theirs. Letters, digits and {@code -_.~} only
     * (it goes into a JAAS line).
     */
    public Builder credentials(String username, String password) {
      for (String value : new String[] {username, password}) {
        if (value == null || !value.matches("[A-Za-z0-9._~-]+")) {
          throw new IllegalArgumentException(
              "username and password must be non-empty [A-Za-z0-9._~-]");
        }
      }
      this.username = username;
      this.password = password;
      return this;
    }

    /**
     * Required: holds the logs, the KRaft metadata and the cluster id. Reuse it to keep the
     * records.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** Address to listen and advertise on. Default 127.0.0.1. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Client port. Default 0: a free port picked at the first start and kept across restarts. */
    public Builder port(int port) {
      this.port = checkPort(port, "port");
      return this;
    }

    /**
     * KRaft controller port. Default 0: a free port picked at the first start and kept across
     * restarts.
     */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = checkPort(controllerPort, "controllerPort");
      return this;
    }

    /** Partitions of auto-created topics (num.partitions). Default 3. */
    public Builder partitions(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
      }
      this.partitions = partitions;
      return this;
    }

    /** Any broker property, applied last (over the defaults, including listeners). */
    public Builder brokerProperty(String name, String value) {
      overrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public EmbeddedKafka build() {
      if (dataDir == null) {
        throw new IllegalArgumentException("dataDir is required");
      }
      if (port != 0 && port == controllerPort) {
        throw new IllegalArgumentException(
            "port and controllerPort must differ, both were " + port);
      }
      return new EmbeddedKafka(this);
    }

    private static int checkPort(int port, String name) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(name + " must be 0..65535, was " + port);
      }
      return port;
    }
  }
}
