package dev.boxscore.loadgen;

import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/** A trace as sent: its id and its span ids, kept compact until a sample needs them as text. */
record SentTrace(long traceIdHigh, long traceIdLow, long[] spanIds) {
  private static final HexFormat HEX = HexFormat.of();

  String traceIdHex() {
    return HEX.toHexDigits(traceIdHigh) + HEX.toHexDigits(traceIdLow);
  }

  Set<String> spanIdsHex() {
    Set<String> out = new LinkedHashSet<>();
    for (long id : spanIds) {
      out.add(HEX.toHexDigits(id));
    }
    return out;
  }
}
