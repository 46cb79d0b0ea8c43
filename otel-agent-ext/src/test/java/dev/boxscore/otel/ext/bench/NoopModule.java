package dev.boxscore.otel.ext.bench;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.Collections;
import java.util.List;

/**
 * An extension that instruments nothing: the start-up cost of any extension with a class in it
 * ({@code -Dbench.baseline=noop}, and a mode of {@link StartupFactors}).
 */
public final class NoopModule extends InstrumentationModule {
  public NoopModule() {
    super("boxscore-bench-noop");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.emptyList();
  }
}
