package dev.boxscore.otel.ext.bench;

import static net.bytebuddy.matcher.ElementMatchers.named;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An extension module that magnifies one start-up cost until it stands out of the noise ({@link
 * StartupFactors}): it loads {@code classes} filler classes from its own jar when the agent builds
 * it, and registers {@code instrumentations} type instrumentations that never match. Both counts
 * come from {@code boxscore-amplifier.properties} in the jar.
 */
public final class StartupAmplifier extends InstrumentationModule {
  static final String SETTINGS = "boxscore-amplifier.properties";
  static final String FILLER = "dev.boxscore.otel.ext.bench.filler.Filler";

  private final int instrumentations;

  public StartupAmplifier() throws IOException, ClassNotFoundException {
    super("boxscore-bench-amplifier");
    Properties settings = new Properties();
    try (InputStream in = StartupAmplifier.class.getClassLoader().getResourceAsStream(SETTINGS)) {
      settings.load(in);
    }
    int classes = Integer.parseInt(settings.getProperty("classes", "0"));
    for (int i = 0; i < classes; i++) {
      Class.forName(FILLER + i, true, StartupAmplifier.class.getClassLoader());
    }
    instrumentations = Integer.parseInt(settings.getProperty("instrumentations", "0"));
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    List<TypeInstrumentation> list = new ArrayList<>();
    for (int i = 0; i < instrumentations; i++) {
      list.add(new NeverMatches("dev.boxscore.otel.ext.bench.absent.Type" + i));
    }
    return list;
  }

  private static final class NeverMatches implements TypeInstrumentation {
    private final String typeName;

    NeverMatches(String typeName) {
      this.typeName = typeName;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(typeName);
    }

    @Override
    public void transform(TypeTransformer transformer) {}
  }
}
