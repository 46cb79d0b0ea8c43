package dev.boxscore.otel.ext.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * Does nothing: the JVM's wall time with and without the agent is the agent's start-up cost. Prints
 * the CPU time the JVM used up to here ({@code STARTUP cpu_ms=}), read from the OS (no management
 * classes loaded for it), and that of the main thread alone ({@code main_cpu_ms=}, Linux only, else
 * -1): the agent starts on the main thread, so this is its own work, without the JIT compiler
 * threads that make whole-process figures noisy on a small machine.
 */
public final class StartupProbe {
  private StartupProbe() {}

  public static void main(String[] args) {
    long cpuMillis =
        ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toMillis();
    System.out.println("STARTUP cpu_ms=" + cpuMillis + " main_cpu_ms=" + mainThreadCpuMillis());
  }

  /** utime + stime of /proc/thread-self/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux). */
  private static long mainThreadCpuMillis() {
    try {
      String stat =
          new String(
              Files.readAllBytes(Paths.get("/proc/thread-self/stat")), StandardCharsets.US_ASCII);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    } catch (IOException | RuntimeException notLinux) {
      return -1;
    }
  }
}
