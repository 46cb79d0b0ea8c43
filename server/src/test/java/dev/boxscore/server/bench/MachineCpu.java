package dev.boxscore.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU from {@code /proc/stat}: how many cores were busy between two samples.
 */
final class MachineCpu {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private MachineCpu() {}

  /** Busy and total ticks of all cores, and the time of the sample. */
  static long[] sample() throws IOException {
    String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < cpu.length; i++) {
      total += Long.parseLong(cpu[i]);
    }
    long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]); // idle + iowait
    return new long[] {total - idle, total, System.nanoTime()};
  }

  static double busyCores(long[] before, long[] after) {
    double seconds = (after[2] - before[2]) / 1e9;
    return (after[0] - before[0]) / TICKS_PER_SECOND / seconds;
  }
}
