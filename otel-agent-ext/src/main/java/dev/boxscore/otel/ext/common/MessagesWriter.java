package dev.boxscore.otel.ext.common;

/**
 * Writes the {@code gen_ai.input.messages} / {@code gen_ai.output.messages} JSON form: {@code
 * [{"role":"user","parts":[{"type":"text","content":"..."}]}]}, each text redacted and truncated on
 * the way.
 */
public final class MessagesWriter {
  private final Redactor redactor;
  private final StringBuilder out = new StringBuilder("[");
  private boolean firstMessage = true;
  private boolean firstPart;
  private boolean partsClosed;

  public MessagesWriter(Redactor redactor) {
    this.redactor = redactor;
  }

  public MessagesWriter message(String role) {
    closeMessage();
    if (!firstMessage) {
      out.append(',');
    }
    firstMessage = false;
    out.append("{\"role\":");
    Json.string(out, role).append(",\"parts\":[");
    firstPart = true;
    return this;
  }

  /** Adds a finish reason to the message being written (output messages). */
  public MessagesWriter finishReason(String reason) {
    if (reason != null) {
      out.append("],\"finish_reason\":");
      Json.string(out, reason);
      partsClosed = true;
    }
    return this;
  }

  public MessagesWriter text(String text) {
    if (text == null) {
      return this;
    }
    part("text");
    out.append(",\"content\":");
    Json.string(out, redactor.clean(text)).append('}');
    return this;
  }

  public MessagesWriter toolCall(String id, String name, String arguments) {
    part("tool_call");
    if (id != null) {
      out.append(",\"id\":");
      Json.string(out, id);
    }
    out.append(",\"name\":");
    Json.string(out, name == null ? "" : name);
    if (arguments != null) {
      out.append(",\"arguments\":");
      Json.string(out, redactor.clean(arguments));
    }
    out.append('}');
    return this;
  }

  public MessagesWriter toolResult(String id, String result) {
    part("tool_call_response");
    if (id != null) {
      out.append(",\"id\":");
      Json.string(out, id);
    }
    out.append(",\"response\":");
    Json.string(out, redactor.clean(result == null ? "" : result)).append('}');
    return this;
  }

  private void part(String type) {
    if (!firstPart) {
      out.append(',');
    }
    firstPart = false;
    out.append("{\"type\":");
    Json.string(out, type);
  }

  private void closeMessage() {
    if (!firstMessage) {
      out.append(partsClosed ? "}" : "]}");
    }
    partsClosed = false;
  }

  /** The JSON array (each text was truncated, so the JSON stays valid). */
  public String finish() {
    closeMessage();
    out.append(']');
    return out.toString();
  }
}
