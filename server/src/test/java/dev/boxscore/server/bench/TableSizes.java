package dev.boxscore.server.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Bytes on disk of each table of a stopped engine's data directory ({@code
 * clickhouse/data/boxscore/<table>} links to the table's folder), counting active parts only: a
 * part that a merge has replaced stays on disk for minutes, so a plain {@code du} would count spans
 * twice. A part is replaced when another part of its partition covers its block range at a higher
 * level, which is how the engine itself decides it from the names ({@code
 * <partition>_<min>_<max>_<level>}).
 */
final class TableSizes {
  private static final Pattern PART =
      Pattern.compile("(.+)_([0-9]+)_([0-9]+)_([0-9]+)(?:_[0-9]+)?");

  private TableSizes() {}

  /** Active bytes by table name, for the tables that have any. */
  static Map<String, Long> of(Path clickHouseDataDir, String database) {
    Map<String, Long> sizes = new TreeMap<>();
    try (Stream<Path> tables = Files.list(clickHouseDataDir.resolve("data").resolve(database))) {
      for (Path table : tables.toList()) {
        long bytes = activeBytes(table.toRealPath());
        if (bytes > 0) {
          sizes.put(table.getFileName().toString(), bytes);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sizes;
  }

  private record Part(Path dir, String partition, long min, long max, long level) {
    boolean coveredBy(Part other) {
      return other != this
          && other.partition.equals(partition)
          && other.min <= min
          && other.max >= max
          && (other.level > level || other.max - other.min > max - min);
    }
  }

  private static long activeBytes(Path table) throws IOException {
    List<Part> parts = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(table)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        Matcher m = PART.matcher(dir.getFileName().toString());
        // Skip parts being written or removed (tmp_insert_..., delete_tmp_...) and detached/.
        if (m.matches() && !m.group(1).startsWith("tmp") && !m.group(1).startsWith("delete_tmp")) {
          parts.add(
              new Part(
                  dir,
                  m.group(1),
                  Long.parseLong(m.group(2)),
                  Long.parseLong(m.group(3)),
                  Long.parseLong(m.group(4))));
        }
      }
    }
    long bytes = 0;
    for (Part part : parts) {
      if (parts.stream().noneMatch(part::coveredBy)) {
        try (Stream<Path> files = Files.walk(part.dir())) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            bytes += Files.size(f);
          }
        }
      }
    }
    return bytes;
  }
}
