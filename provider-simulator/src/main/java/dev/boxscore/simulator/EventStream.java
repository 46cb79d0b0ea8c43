package dev.boxscore.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A server-sent-events response; every event is flushed at once so clients see chunks as they are
 * produced.
 */
final class EventStream {
  private final OutputStream out;
  private final ObjectMapper json;

  EventStream(OutputStream out, ObjectMapper json) {
    this.out = out;
    this.json = json;
  }

  /** {@code event: NAME} line (omitted when null) and one {@code data:} line. */
  void send(String event, JsonNode data) throws IOException {
    sendRaw(event, json.writeValueAsString(data));
  }

  void sendRaw(String event, String data) throws IOException {
    StringBuilder frame = new StringBuilder();
    if (event != null) {
      frame.append("event: ").append(event).append('\n');
    }
    frame.append("data: ").append(data).append("\n\n");
    out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  static void pause(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
