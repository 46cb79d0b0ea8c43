package dev.boxscore.embedded.clickhouse;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A small RowBinary encoder for the test tables (little-endian numbers, LEB128 lengths). */
final class RowBinary {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  RowBinary uint64(long value) {
    return int64(value);
  }

  RowBinary uint32(long value) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (value >>> (8 * i)) & 0xFF);
    }
    return this;
  }

  RowBinary int64(long value) {
    for (int i = 0; i < 8; i++) {
      out.write((int) (value >>> (8 * i)) & 0xFF);
    }
    return this;
  }

  RowBinary string(String value) {
    return bytes(value.getBytes(StandardCharsets.UTF_8));
  }

  RowBinary bytes(byte[] value) {
    varint(value.length);
    out.writeBytes(value);
    return this;
  }

  RowBinary nullableString(String value) {
    if (value == null) {
      out.write(1);
      return this;
    }
    out.write(0);
    return string(value);
  }

  RowBinary stringArray(List<String> values) {
    varint(values.size());
    values.forEach(this::string);
    return this;
  }

  RowBinary stringMap(Map<String, String> values) {
    varint(values.size());
    values.forEach((key, value) -> string(key).string(value));
    return this;
  }

  /** Decimal(P, scale) with P <= 18: an Int64 of the unscaled value. */
  RowBinary decimal64(BigDecimal value, int scale) {
    return int64(value.setScale(scale).unscaledValue().longValueExact());
  }

  private void varint(long value) {
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      out.write((int) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    out.write((int) rest);
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
