package dev.boxscore.embedded.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Finds libchdb.so: system property {@value #LIBRARY_PROPERTY}, then environment variable {@value
 * #LIBRARY_ENV}, then the build's cache {@code $BOXSCORE_CACHE/chdb/<version>/libchdb.so} ({@code
 * BOXSCORE_CACHE} defaults to {@code ~/.cache/boxscore}), where {@code src/build/fetch-chdb.sh}
 * puts it.
 */
final class ChdbLibraryLocator {

  static final String LIBRARY_PROPERTY = "boxscore.chdb.library";
  static final String LIBRARY_ENV = "BOXSCORE_CHDB_LIB";
  static final String CACHE_ENV = "BOXSCORE_CACHE";

  private ChdbLibraryLocator() {}

  /** The chDB version this build fetched (from the generated boxscore-chdb.properties). */
  static String bundledVersion() {
    try (InputStream in =
        ChdbLibraryLocator.class.getResourceAsStream("/boxscore-chdb.properties")) {
      if (in == null) {
        throw new IllegalStateException("boxscore-chdb.properties is missing from the classpath");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("chdb.version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cache path the build fills, whether or not the file exists. */
  static Path defaultCachePath() {
    String cache = System.getenv(CACHE_ENV);
    Path root =
        cache == null || cache.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cache", "boxscore")
            : Path.of(cache);
    return root.resolve("chdb").resolve(bundledVersion()).resolve("libchdb.so");
  }

  /** The library to load; fails naming all three places when none holds a readable file. */
  static Path locate() {
    String property = System.getProperty(LIBRARY_PROPERTY);
    if (property != null && !property.isBlank()) {
      return requireReadable(Path.of(property), "system property " + LIBRARY_PROPERTY);
    }
    String env = System.getenv(LIBRARY_ENV);
    if (env != null && !env.isBlank()) {
      return requireReadable(Path.of(env), "environment variable " + LIBRARY_ENV);
    }
    Path cached = defaultCachePath();
    if (Files.isReadable(cached)) {
      return cached;
    }
    throw new IllegalStateException(
        "libchdb.so not found. Looked at: system property "
            + LIBRARY_PROPERTY
            + " (not set), environment variable "
            + LIBRARY_ENV
            + " (not set), and the build cache "
            + cached
            + " (missing). Build the boxscore-embedded module (it fetches @chdb/lib-linux-x64-gnu@"
            + bundledVersion()
            + " with npm) or point one of those at a libchdb.so.");
  }

  static Path requireReadable(Path path, String source) {
    if (!Files.isReadable(path)) {
      throw new IllegalStateException("libchdb.so not found at " + path + " (from " + source + ")");
    }
    return path.toAbsolutePath();
  }
}
