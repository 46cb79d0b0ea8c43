package dev.boxscore.server.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The Java side of a JFR recording in two lists: the methods that were running when sampled (top
 * frames, "self"), and each sample charged to the innermost frame of our own code (so a protobuf or
 * Kafka call is charged to the Boxscore method that made it). Native engine threads do not appear
 * in JFR: their share is in {@link ThreadCpu}.
 */
final class JfrHotMethods {
  private JfrHotMethods() {}

  static String summary(Path recording, int top) throws IOException {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> ours = new HashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace stack = e.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = stack.getFrames();
      self.merge(name(frames.get(0)), 1, Integer::sum);
      String thread = e.getThread("sampledThread").getJavaName();
      threads.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "#"), 1, Integer::sum);
      for (RecordedFrame f : frames) {
        if (f.getMethod().getType().getName().startsWith("dev.boxscore.")) {
          ours.merge(name(f), 1, Integer::sum);
          break;
        }
      }
    }
    StringBuilder s = new StringBuilder();
    s.append(String.format("JFR: %,d Java samples%n", samples));
    append(s, "by thread", threads, samples, top);
    append(s, "self (top frame)", self, samples, top);
    append(s, "charged to the innermost Boxscore frame", ours, samples, top);
    return s.toString();
  }

  private static String name(RecordedFrame f) {
    String type = f.getMethod().getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
  }

  private static void append(
      StringBuilder s, String title, Map<String, Integer> counts, int samples, int top) {
    s.append("  ").append(title).append(":\n");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(
            e ->
                s.append(
                    String.format(
                        "    %5.1f %%  %s%n", 100.0 * e.getValue() / samples, e.getKey())));
  }
}
