package dev.boxscore.otel.ext.rawhttp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON response body as it streams by, kept whole up to {@link #MAX_WHOLE_BYTES}. A larger body
 * (embeddings of a big batch) keeps only its first and last {@link #EDGE_BYTES}: the id and model
 * are near the start, usage and model near the end, so they are read from those edges.
 */
final class JsonBody {
  static final int MAX_WHOLE_BYTES = 1 << 20;
  static final int EDGE_BYTES = 64 * 1024;

  /**
   * Sized to the declared length when there is one, else 1 KiB (most chat answers are shorter);
   * grown by doubling.
   */
  private byte[] whole;

  private int length;
  private boolean cut;

  /**
   * The last bytes of a body too large to keep whole; allocated only then (most bodies are a few
   * KiB).
   */
  private byte[] tail;

  private long tailWritten;

  /**
   * @param declaredLength the Content-Length, or -1 when unknown
   */
  JsonBody(long declaredLength) {
    whole = new byte[declaredLength > 0 ? (int) Math.min(declaredLength, MAX_WHOLE_BYTES) : 1024];
  }

  /** The buffer's remaining bytes (its position moves: pass a duplicate). */
  void accept(ByteBuffer buffer) {
    int count = buffer.remaining();
    if (!cut && length + count <= MAX_WHOLE_BYTES) {
      grow(count);
      buffer.get(whole, length, count);
      length += count;
      return;
    }
    byte[] copy = new byte[count];
    buffer.get(copy);
    accept(copy, 0, count);
  }

  private void grow(int count) {
    if (length + count > whole.length) {
      whole =
          Arrays.copyOf(
              whole, Math.min(MAX_WHOLE_BYTES, Math.max(length + count, whole.length * 2)));
    }
  }

  void accept(byte[] bytes, int offset, int count) {
    if (!cut && length + count <= MAX_WHOLE_BYTES) {
      grow(count);
      System.arraycopy(bytes, offset, whole, length, count);
      length += count;
      return;
    }
    if (!cut) {
      cut = true;
      tail = new byte[EDGE_BYTES];
      // what was kept beyond the head starts the tail ring; the head is topped up from this chunk
      if (length > EDGE_BYTES) {
        toTail(whole, EDGE_BYTES, length - EDGE_BYTES);
      }
      int head = Math.min(length, EDGE_BYTES);
      int topUp = Math.min(EDGE_BYTES - head, count);
      byte[] kept = Arrays.copyOf(whole, head + topUp);
      System.arraycopy(bytes, offset, kept, head, topUp);
      whole = kept;
      length = kept.length;
      offset += topUp;
      count -= topUp;
    }
    toTail(bytes, offset, count);
  }

  /** Appends to the tail ring, of which only the last {@link #EDGE_BYTES} written are kept. */
  private void toTail(byte[] bytes, int offset, int count) {
    if (count > EDGE_BYTES) {
      offset += count - EDGE_BYTES;
      tailWritten += count - EDGE_BYTES;
      count = EDGE_BYTES;
    }
    int at = (int) (tailWritten % EDGE_BYTES);
    int first = Math.min(count, EDGE_BYTES - at);
    System.arraycopy(bytes, offset, tail, at, first);
    System.arraycopy(bytes, offset + first, tail, 0, count - first);
    tailWritten += count;
  }

  /** Bytes held: the whole body, or its head and the tail ring. */
  int keptBytes() {
    return whole.length + (tail == null ? 0 : tail.length);
  }

  /** Feeds what the body says into {@code summary}; a body that is no JSON says nothing. */
  void summarize(ResponseSummary summary) {
    if (!cut) {
      try {
        summary.absorb(
            JsonReader.parse(
                new String(whole, 0, length, StandardCharsets.UTF_8),
                ResponseSummary.WHOLE_BODY_MEMBERS));
      } catch (IllegalArgumentException e) {
        // not JSON (an HTML error page, say): nothing to read
      }
      return;
    }
    String head = new String(whole, 0, length, StandardCharsets.UTF_8);
    String end = tailText();
    java.util.Map<String, Object> fragments = new java.util.LinkedHashMap<String, Object>();
    putIfPresent(fragments, "id", JsonReader.valueAfterKey(head, "id", false));
    Object model = JsonReader.valueAfterKey(end, "model", true);
    putIfPresent(
        fragments, "model", model != null ? model : JsonReader.valueAfterKey(head, "model", false));
    putIfPresent(fragments, "usage", JsonReader.valueAfterKey(end, "usage", true));
    summary.absorb(fragments);
  }

  private String tailText() {
    int size = (int) Math.min(tailWritten, EDGE_BYTES);
    byte[] ordered = new byte[size];
    long start = tailWritten - size;
    for (int i = 0; i < size; i++) {
      ordered[i] = tail[(int) ((start + i) % EDGE_BYTES)];
    }
    return new String(ordered, StandardCharsets.UTF_8);
  }

  private static void putIfPresent(java.util.Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
