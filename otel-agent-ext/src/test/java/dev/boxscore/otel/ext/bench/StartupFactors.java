package dev.boxscore.otel.ext.bench;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.description.modifier.Ownership;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.FixedValue;

/**
 * Where an extension's start-up time goes, one factor at a time (not a test). A whole start-up of
 * the stock agent spreads over hundreds of milliseconds on a small machine, more than the
 * extension's cost, so each factor is magnified until it stands out ({@link StartupAmplifier}) and
 * divided back. Modes, interleaved, each an empty main ({@link StartupProbe}) under the stock agent
 * plus: nothing; a jar with no class; a module that instruments nothing ({@link NoopModule}); the
 * Boxscore extension; 200 classes of 3 KB loaded at start-up; 200 classes of 0.2 KB; 100 type
 * instrumentations that never match. Per mode: wall time, the main thread's CPU (where the agent
 * starts) and the other threads' CPU (JIT compilers, GC), medians and their difference to the stock
 * agent with a 95% bootstrap interval.
 *
 * <p>{@code ./mvnw -B -pl otel-agent-ext -am verify -DskipTests -Pbenchmark
 * -Dbench.main=StartupFactors -Dbench.startups=15}
 */
public final class StartupFactors {
  private StartupFactors() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    String agent = System.getProperty("bench.agent");
    Map<String, String> modes = new LinkedHashMap<>();
    modes.put("stock agent", null);
    modes.put("+ jar with no class", emptyJar().toString());
    modes.put("+ module instrumenting nothing", OverheadBenchmark.noopExtension().toString());
    modes.put("+ Boxscore extension", System.getProperty("bench.extension"));
    modes.put("+ 200 classes of 3 KB", amplifier(200, 40, 0).toString());
    modes.put("+ 200 classes of 0.2 KB", amplifier(200, 0, 0).toString());
    modes.put("+ 100 type instrumentations", amplifier(0, 0, 100).toString());
    String classPath = OverheadBenchmark.applicationClassPath();
    System.out.printf(
        "machine: %d cores, %s %s; agent %s; %d runs per mode, interleaved%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        agent,
        runs);

    List<String> names = new ArrayList<>(modes.keySet());
    long[][] wall = new long[names.size()][runs];
    long[][] mainCpu = new long[names.size()][runs];
    long[][] otherCpu = new long[names.size()][runs];
    for (int i = 0; i < runs; i++) {
      for (int m = 0; m < names.size(); m++) {
        List<String> flags =
            new ArrayList<>(
                List.of(
                    "-javaagent:" + agent,
                    "-Dotel.traces.exporter=none",
                    "-Dotel.metrics.exporter=none",
                    "-Dotel.logs.exporter=none"));
        String extension = modes.get(names.get(m));
        if (extension != null) {
          flags.add("-Dotel.javaagent.extensions=" + extension);
        }
        long start = System.nanoTime();
        String reported =
            OverheadBenchmark.run(flags, classPath, StartupProbe.class.getName()).stream()
                .filter(l -> l.startsWith("STARTUP"))
                .findFirst()
                .orElse("STARTUP missing");
        wall[m][i] = (System.nanoTime() - start) / 1_000_000;
        mainCpu[m][i] = (long) OverheadBenchmark.figure(reported, "main_cpu_ms");
        otherCpu[m][i] = (long) OverheadBenchmark.figure(reported, "cpu_ms") - mainCpu[m][i];
      }
    }
    System.out.printf(
        "%-32s %10s %24s %12s %24s %12s %24s%n",
        "mode",
        "wall",
        "over stock (95%)",
        "main CPU",
        "over stock (95%)",
        "other CPU",
        "over stock (95%)");
    for (int m = 0; m < names.size(); m++) {
      System.out.printf(
          "%-32s %s %s %s%n",
          names.get(m), column(wall, m), column(mainCpu, m), column(otherCpu, m));
    }
  }

  private static String column(long[][] figures, int mode) {
    long median = OverheadBenchmark.median(figures[mode]);
    if (mode == 0) {
      return String.format("%7d ms %24s", median, "");
    }
    long[] interval = OverheadBenchmark.bootstrapInterval(figures[0], figures[mode]);
    return String.format(
        "%7d ms %+8d (%+5d..%+5d) ms",
        median, median - OverheadBenchmark.median(figures[0]), interval[0], interval[1]);
  }

  private static Path emptyJar() throws IOException {
    Path jar = Files.createTempFile("empty-extension", ".jar");
    jar.toFile().deleteOnExit();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("readme.txt"));
      out.write("an extension jar with no class in it\n".getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  /**
   * {@link StartupAmplifier} with filler classes of {@code methods} static methods, each with its
   * own constant.
   */
  private static Path amplifier(int classes, int methods, int instrumentations)
      throws IOException, ClassNotFoundException {
    Path jar = Files.createTempFile("amplifier", ".jar");
    jar.toFile().deleteOnExit();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Class<?> type :
          new Class<?>[] {
            StartupAmplifier.class,
            Class.forName(StartupAmplifier.class.getName() + "$NeverMatches")
          }) {
        String entry = type.getName().replace('.', '/') + ".class";
        out.putNextEntry(new JarEntry(entry));
        try (InputStream classFile = type.getClassLoader().getResourceAsStream(entry)) {
          classFile.transferTo(out);
        }
      }
      out.putNextEntry(new JarEntry("META-INF/services/" + InstrumentationModule.class.getName()));
      out.write((StartupAmplifier.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new JarEntry(StartupAmplifier.SETTINGS));
      out.write(
          ("classes=" + classes + "\ninstrumentations=" + instrumentations + "\n")
              .getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < classes; i++) {
        DynamicType.Builder<Object> filler =
            new ByteBuddy(ClassFileVersion.JAVA_V8)
                .subclass(Object.class)
                .name(StartupAmplifier.FILLER + i);
        for (int k = 0; k < methods; k++) {
          filler =
              filler
                  .defineMethod("constant" + k, String.class, Visibility.PUBLIC, Ownership.STATIC)
                  .intercept(FixedValue.value("dev.example.library" + i + ".SomeHelperClass" + k));
        }
        byte[] classFile = filler.make().getBytes();
        out.putNextEntry(new JarEntry((StartupAmplifier.FILLER + i).replace('.', '/') + ".class"));
        out.write(classFile);
        if (i == 0) {
          System.out.printf("filler class with %d methods: %d bytes%n", methods, classFile.length);
        }
      }
    }
    return jar;
  }
}
