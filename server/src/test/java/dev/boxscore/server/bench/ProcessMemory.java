package dev.boxscore.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A process's resident memory from {@code /proc}: all of it, its peak, and the part that is the
 * embedded engine's mapped library (libchdb's code and data, ~0.5 GB of text the kernel may share
 * or drop), which the issue asks to show apart.
 *
 * @param rssBytes resident now (VmRSS)
 * @param peakRssBytes highest resident so far (VmHWM)
 * @param engineLibraryRssBytes resident pages of mappings of the chDB library file
 */
record ProcessMemory(long rssBytes, long peakRssBytes, long engineLibraryRssBytes) {
  private static final Pattern MAPPING = Pattern.compile("[0-9a-f]+-[0-9a-f]+ ");

  static ProcessMemory of(long pid) throws IOException {
    long rss = 0;
    long peak = 0;
    for (String line : Files.readAllLines(Path.of("/proc", "" + pid, "status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = kib(line);
      } else if (line.startsWith("VmHWM:")) {
        peak = kib(line);
      }
    }
    long library = 0;
    boolean inLibrary = false;
    try (BufferedReader smaps = Files.newBufferedReader(Path.of("/proc", "" + pid, "smaps"))) {
      for (String line = smaps.readLine(); line != null; line = smaps.readLine()) {
        if (MAPPING.matcher(line).lookingAt()) {
          // A mapping's header: "start-end perms offset dev inode path"
          inLibrary = line.contains("libchdb");
        } else if (inLibrary && line.startsWith("Rss:")) {
          library += kib(line);
        }
      }
    }
    return new ProcessMemory(rss, peak, library);
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
  }
}
