package dev.boxscore.embedded.clickhouse;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The process-wide chDB engine. chDB allows one data directory per process, closing its last
 * connection shuts the engine down and reopening is slow, so the engine outlives the {@link
 * EmbeddedClickHouse} instances that use it: a later instance for the same directory reuses it, one
 * for another directory replaces it only when no instance is open. A shutdown hook closes the
 * connections, because a JVM exiting with one open crashes or hangs.
 */
final class ChdbEngine {

  private static final Logger LOG = Logger.getLogger(ChdbEngine.class.getName());
  private static final long SHUTDOWN_WAIT_MILLIS = 10_000;

  private static ChdbLibrary library;
  private static Path libraryPath;
  private static JvmSignalHandlers jvmSignalHandlers;
  private static ChdbEngine current;

  /**
   * Set when the owner stops the engine itself, after its own clients, instead of the at-exit hook.
   */
  private static volatile boolean ownerShutsDown;

  private final Path dataDir;
  private final List<ChdbConnection> connections = new ArrayList<>();
  private final BlockingQueue<ChdbConnection> idle;
  private int users;
  private volatile boolean shutDown;

  private ChdbEngine(Path dataDir, int maxConnections) {
    this.dataDir = dataDir;
    this.idle = new ArrayBlockingQueue<>(maxConnections);
  }

  /**
   * Opens (or reuses) the engine for {@code dataDir} with at least {@code poolSize} connections,
   * counting one user.
   */
  static synchronized ChdbEngine acquire(Path dataDir, Path requestedLibrary, int poolSize) {
    Path dir = dataDir.toAbsolutePath().normalize();
    ChdbLibrary lib = load(requestedLibrary);
    if (current != null && !current.shutDown && !current.dataDir.equals(dir)) {
      if (current.users > 0) {
        throw new IllegalStateException(
            "chDB runs one data directory per process: "
                + current.dataDir
                + " is open (by "
                + current.users
                + " EmbeddedClickHouse instance(s)), so "
                + dir
                + " cannot be opened. Close those instances first or use the same dataDir.");
      }
      current.shutdown();
    }
    if (current == null || current.shutDown) {
      if (current != null && current.shutDown && current.users > 0) {
        throw new IllegalStateException(
            "The chDB engine for " + current.dataDir + " was shut down (JVM exiting)");
      }
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create the ClickHouse data directory " + dir, e);
      }
      current = new ChdbEngine(dir, 64);
    }
    current.ensureConnections(lib, poolSize);
    current.users++;
    return current;
  }

  private static ChdbLibrary load(Path requestedLibrary) {
    Path path = requestedLibrary.toAbsolutePath().normalize();
    if (library == null) {
      jvmSignalHandlers = JvmSignalHandlers.save();
      ChdbLibrary loaded = Native.load(path.toString(), ChdbLibrary.class);
      // Before any connect: keeps the JVM's own SIGSEGV/SIGBUS handlers (implicit NPEs, safepoints)
      // in place.
      loaded.chdb_set_signal_handlers_enabled(0);
      library = loaded;
      libraryPath = path;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(ChdbEngine::shutdownAtExit, "boxscore-chdb-shutdown"));
    } else if (!libraryPath.equals(path)) {
      throw new IllegalStateException(
          "libchdb is already loaded from "
              + libraryPath
              + "; a process can load only one, so "
              + path
              + " cannot be used");
    }
    return library;
  }

  private void ensureConnections(ChdbLibrary lib, int poolSize) {
    int wanted = Math.min(poolSize, idle.remainingCapacity() + connections.size());
    while (connections.size() < wanted) {
      Pointer handle = lib.chdb_connect(2, new String[] {"clickhouse", "--path=" + dataDir});
      if (handle == null || handle.getPointer(0) == null) {
        throw new IllegalStateException(
            "chDB could not open " + dataDir + " (is another process using this data directory?)");
      }
      ChdbConnection connection = new ChdbConnection(lib, handle);
      // The HTTP adapter reports X-ClickHouse-Timezone: UTC, so the session must agree.
      connection.query("SET session_timezone = 'UTC'", "Null", Map.of());
      connections.add(connection);
      idle.add(connection);
    }
    int[] replaced = jvmSignalHandlers.restore();
    if (replaced.length > 0) {
      LOG.log(
          Level.WARNING,
          "chDB replaced the JVM's handlers for signals {0}; restored them",
          Arrays.toString(replaced));
    }
  }

  Path dataDir() {
    return dataDir;
  }

  /** Waits for a free connection; fails when the engine was shut down. */
  ChdbConnection borrow() throws InterruptedException {
    while (true) {
      if (shutDown) {
        throw ChdbException.of(
            ChdbException.ABORTED, "ABORTED", "The embedded ClickHouse engine is shut down");
      }
      ChdbConnection connection = idle.poll(100, TimeUnit.MILLISECONDS);
      if (connection != null) {
        return connection;
      }
    }
  }

  void giveBack(ChdbConnection connection) {
    idle.add(connection);
  }

  /**
   * One user fewer; the engine itself stays open for the next user (reopening costs up to a
   * second).
   */
  void release() {
    synchronized (ChdbEngine.class) {
      if (users > 0) {
        users--;
      }
    }
  }

  static void ownerShutsDown() {
    ownerShutsDown = true;
  }

  private static void shutdownAtExit() {
    if (!ownerShutsDown) {
      shutdownNow();
    }
  }

  /** Closes the process's engine now; later queries fail with ABORTED. */
  static void shutdownNow() {
    ChdbEngine engine;
    synchronized (ChdbEngine.class) {
      engine = current;
    }
    if (engine != null) {
      engine.shutdown();
    }
  }

  /**
   * Closes every connection once no query runs on it; the last close shuts the native engine down.
   */
  private void shutdown() {
    shutDown = true;
    long deadline = System.currentTimeMillis() + SHUTDOWN_WAIT_MILLIS;
    int closed = 0;
    while (closed < connections.size()) {
      ChdbConnection connection;
      try {
        connection =
            idle.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        connection = null;
      }
      if (connection == null) {
        // Closing a connection under a running query crashes the JVM; leaving it open is the lesser
        // harm.
        LOG.log(
            Level.WARNING,
            "chDB: {0} connection(s) still busy after {1} ms; not closing them",
            new Object[] {connections.size() - closed, SHUTDOWN_WAIT_MILLIS});
        return;
      }
      connection.close();
      closed++;
    }
  }
}
