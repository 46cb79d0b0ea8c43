package dev.boxscore.storage.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** SQL text kept as classpath resources, so every statement can be read and diffed as SQL. */
final class SqlResources {
  private SqlResources() {}

  static String load(String path) {
    try (InputStream in = SqlResources.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing SQL resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Non-blank lines of a resource that are not # comments. */
  static List<String> lines(String path) {
    return load(path)
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }
}
