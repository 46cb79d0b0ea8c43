package dev.boxscore.embedded.clickhouse;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ClickHouse engine (chDB, in-process) behind ClickHouse's HTTP interface on a loopback port,
 * so that code using the official ClickHouse client-v2 / jdbc-v2 talks to it as to a server (turn
 * client compression off).
 *
 * <pre>{@code
 * try (EmbeddedClickHouse clickHouse = EmbeddedClickHouse.builder().dataDir(dir).build().start()) {
 *     Client client = new Client.Builder().addEndpoint(clickHouse.url()).setUsername(clickHouse.username())
 *             .setPassword(clickHouse.password())
 *             .compressServerResponse(false).build();
 * }
 * }</pre>
 *
 * <p>One engine per process: chDB opens one data directory per process and closing it is slow, so
 * the engine stays open after {@link #close()} and a later instance for the same directory reuses
 * it; a different directory can be opened only while no instance is open. A JVM shutdown hook
 * closes the engine.
 */
public final class EmbeddedClickHouse implements AutoCloseable {

  static {
    // Without TCP_NODELAY every response waits ~40 ms for the client's delayed ACK. Read once, when
    // the JDK's
    // HTTP server class initialises, so it must be set before the first HttpServer anywhere in the
    // process.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final int HTTP_THREADS = 16;
  private static final int STOP_WAIT_SECONDS = 10;

  private final Path dataDir;
  private final String host;
  private final Path libraryPath;
  private final int connectionPoolSize;
  private final AdapterCredentials credentials;
  private int port;
  private ChdbEngine engine;
  private HttpServer server;
  private ExecutorService executor;
  private ClickHouseHttpHandler handler;
  private boolean closed;

  private EmbeddedClickHouse(Builder builder) {
    this.dataDir = builder.dataDir;
    this.host = builder.host;
    this.port = builder.port;
    this.libraryPath = builder.libraryPath;
    this.connectionPoolSize = builder.connectionPoolSize;
    this.credentials =
        new AdapterCredentials(
            builder.username,
            builder.password != null ? builder.password : AdapterCredentials.generatePassword());
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads libchdb (once per process), opens the data directory (or joins the engine already open on
   * it) and starts serving HTTP.
   *
   * @throws IllegalStateException if another data directory is open in this process, or libchdb is
   *     not found
   */
  public synchronized EmbeddedClickHouse start() {
    if (closed) {
      throw new IllegalStateException("This EmbeddedClickHouse was closed; build a new one");
    }
    if (engine != null) {
      return this;
    }
    Path library =
        libraryPath != null
            ? ChdbLibraryLocator.requireReadable(libraryPath, "builder libraryPath")
            : ChdbLibraryLocator.locate();
    engine = ChdbEngine.acquire(dataDir, library, connectionPoolSize);
    try {
      startServer();
    } catch (RuntimeException e) {
      engine.release();
      engine = null;
      throw e;
    }
    return this;
  }

  /** "http://HOST:PORT" for client-v2's addEndpoint; prefix with "jdbc:clickhouse:" for jdbc-v2. */
  public synchronized String url() {
    requireStarted();
    return "http://" + host + ":" + port;
  }

  /** The port served (the one picked at the first start when the builder said 0). */
  public synchronized int port() {
    requireStarted();
    return port;
  }

  public String host() {
    return host;
  }

  /** The user every statement must present (HTTP Basic, as the ClickHouse clients send it). */
  public String username() {
    return credentials.username();
  }

  /**
   * The password every statement must present: the builder's, else one generated for this instance.
   */
  public String password() {
    return credentials.password();
  }

  /** The {@code Authorization} header value of this engine's credential, for raw HTTP clients. */
  public String basicAuthorization() {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(
                (username() + ":" + password()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Whether the HTTP port is listening now. */
  public synchronized boolean isServing() {
    return server != null;
  }

  /**
   * Stops listening, to simulate ClickHouse being unreachable: new connections are refused,
   * requests already running finish (waiting up to 10 s). The engine and data stay open; {@link
   * #startServer()} resumes.
   */
  public synchronized void stopServer() {
    if (server == null) {
      return;
    }
    try {
      handler.drain(STOP_WAIT_SECONDS * 1000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop(0);
    executor.shutdown();
    server = null;
    executor = null;
    handler = null;
  }

  /** Listens again, on the same port as before (no-op when already listening). */
  public synchronized void startServer() {
    requireStarted();
    if (server != null) {
      return;
    }
    HttpServer created;
    try {
      created = HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot listen on " + host + ":" + port + " for embedded ClickHouse", e);
    }
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            HTTP_THREADS,
            HTTP_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread =
                  new Thread(runnable, "boxscore-clickhouse-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    created.setExecutor(pool);
    ClickHouseHttpHandler createdHandler =
        new ClickHouseHttpHandler(engine, "boxscore-embedded-chdb", credentials);
    created.createContext("/", createdHandler);
    created.start();
    port = created.getAddress().getPort();
    server = created;
    executor = pool;
    handler = createdHandler;
  }

  /**
   * Leaves closing the engine at JVM exit to the caller, who calls {@link #shutdownEngine()} once
   * its own clients have stopped. Without this, a JVM shutdown hook closes it, possibly under
   * clients still finishing their work.
   */
  public static void shutdownEngineManually() {
    ChdbEngine.ownerShutsDown();
  }

  /**
   * Closes the process's engine now (every connection); queries after this fail. For orderly
   * process exit.
   */
  public static void shutdownEngine() {
    ChdbEngine.shutdownNow();
  }

  /**
   * Stops serving and releases this instance's hold on the engine (which stays open for reuse until
   * JVM exit).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopServer();
    if (engine != null) {
      engine.release();
    }
  }

  private void requireStarted() {
    if (engine == null) {
      throw new IllegalStateException("EmbeddedClickHouse is not started; call start()");
    }
  }

  /** Options; only {@link #dataDir(Path)} is required. */
  public static final class Builder {
    private Path dataDir;
    private String host = "127.0.0.1";
    private int port;
    private Path libraryPath;
    private int connectionPoolSize = 2;
    private String username = "boxscore";
    private String password;

    private Builder() {}

    /**
     * The credential every statement must present. Default: user {@code boxscore} and a password
     * generated per instance ({@link #password()}), so only the process that started the engine,
     * and whom it tells, can query it.
     */
    public Builder credentials(String username, String password) {
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      if (username.isBlank() || password.isBlank()) {
        throw new IllegalArgumentException("username and password must not be blank");
      }
      return this;
    }

    /**
     * Required: where ClickHouse keeps its databases. Created if missing. One per process at a
     * time.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /**
     * Address to listen on. Default 127.0.0.1 (the adapter answers only loopback Host names
     * anyway).
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** HTTP port. Default 0: a free port picked at start and kept for {@link #startServer()}. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * libchdb.so to load. Default: system property boxscore.chdb.library, else environment variable
     * BOXSCORE_CHDB_LIB, else $BOXSCORE_CACHE/chdb/&lt;version&gt;/libchdb.so (BOXSCORE_CACHE
     * defaults to ~/.cache/boxscore), which the build fills.
     */
    public Builder libraryPath(Path libraryPath) {
      this.libraryPath = Objects.requireNonNull(libraryPath, "libraryPath");
      return this;
    }

    /**
     * chDB connections, i.e. queries run in parallel. Default 2. Each connection runs one query at
     * a time.
     */
    public Builder connectionPoolSize(int connectionPoolSize) {
      if (connectionPoolSize < 1 || connectionPoolSize > 64) {
        throw new IllegalArgumentException(
            "connectionPoolSize must be 1..64, was " + connectionPoolSize);
      }
      this.connectionPoolSize = connectionPoolSize;
      return this;
    }

    public EmbeddedClickHouse build() {
      if (dataDir == null) {
        throw new IllegalArgumentException("dataDir is required");
      }
      return new EmbeddedClickHouse(this);
    }
  }
}
