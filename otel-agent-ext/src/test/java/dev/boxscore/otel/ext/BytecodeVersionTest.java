package dev.boxscore.otel.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The extension runs inside users' applications, some still on Java 8 (the java.net.http part needs
 * 11).
 */
class BytecodeVersionTest {
  @Test
  void everyClassIsJava8Bytecode() throws IOException {
    Path root = Path.of(System.getProperty("extension.classes"));
    List<Path> classes;
    try (Stream<Path> files = Files.walk(root)) {
      classes = files.filter(f -> f.toString().endsWith(".class")).toList();
    }
    assertThat(classes).hasSizeGreaterThan(10);
    for (Path file : classes) {
      try (InputStream raw = Files.newInputStream(file);
          DataInputStream in = new DataInputStream(raw)) {
        assertThat(in.readInt()).isEqualTo(0xCAFEBABE);
        in.readUnsignedShort();
        // the JDK HttpClient instrumentation implements java.net.http (Java 11+) and is loaded only
        // where it exists
        int expected = file.toString().replace('\\', '/').contains("/jdkhttp/java11/") ? 55 : 52;
        assertThat(in.readUnsignedShort()).as(file.toString()).isEqualTo(expected);
      }
    }
  }
}
