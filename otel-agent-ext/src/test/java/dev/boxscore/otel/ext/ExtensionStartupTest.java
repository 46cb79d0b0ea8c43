package dev.boxscore.otel.ext;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.otel.ext.langchain4j.HelperListTestAccess;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.junit.jupiter.api.Test;

/**
 * What the agent does with the extension when it starts (build each module, ask for its matchers,
 * helpers and advice, run the SDK customizer) loads one class per module, the customizer and its
 * span processors: the agent loads every extension class through a class loader that rewrites it,
 * about a millisecond per class on the benchmark machine (BENCHMARKS.md). Advice classes are
 * therefore named as strings, so each name must resolve.
 */
class ExtensionStartupTest {
  private static final String EXTENSION = "dev.boxscore.otel.ext.";
  private static final String MODULES =
      "META-INF/services/" + InstrumentationModule.class.getName();
  private static final String CUSTOMIZERS =
      "META-INF/services/" + AutoConfigurationCustomizerProvider.class.getName();

  @Test
  void startingTheAgentLoadsOneClassPerModuleTheCustomizerAndItsSpanProcessors() throws Exception {
    try (ExtensionLoader loader = new ExtensionLoader()) {
      List<String> modules = services(MODULES);
      List<String> customizers = services(CUSTOMIZERS);
      for (String name : modules) {
        startUp(
            (InstrumentationModule) loader.loadClass(name).getDeclaredConstructor().newInstance());
      }
      for (String name : customizers) {
        customize(
            (AutoConfigurationCustomizerProvider)
                loader.loadClass(name).getDeclaredConstructor().newInstance());
      }

      List<String> expected = new ArrayList<>(modules);
      expected.addAll(customizers);
      expected.add(EXTENSION + "sdk.FinisherDrain");
      // user and session on every span; its MDC reader only once an MDC key is configured
      expected.add(EXTENSION + "sdk.UserSessionProcessor");
      assertThat(modules).hasSize(6);
      assertThat(compiledClasses().stream().filter(loader::loaded))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void everyAdviceClassIsAppliedOnceAndItsNameResolves() throws Exception {
    List<String> applied = new ArrayList<>();
    for (String name : services(MODULES)) {
      InstrumentationModule module =
          (InstrumentationModule) Class.forName(name).getDeclaredConstructor().newInstance();
      List<String> ofModule = new ArrayList<>();
      for (TypeInstrumentation instrumentation : module.typeInstrumentations()) {
        instrumentation.transform(new AdviceRecorder(ofModule));
      }
      assertThat(ofModule).as(name).isNotEmpty();
      applied.addAll(ofModule);
    }

    for (String advice : applied) {
      Method[] methods = Class.forName(advice).getDeclaredMethods();
      assertThat(methods)
          .as(advice)
          .anyMatch(
              m ->
                  m.isAnnotationPresent(Advice.OnMethodEnter.class)
                      || m.isAnnotationPresent(Advice.OnMethodExit.class));
    }
    List<String> compiledAdvice =
        compiledClasses().stream().filter(n -> n.endsWith("Advice")).toList();
    assertThat(compiledAdvice).hasSizeGreaterThanOrEqualTo(13);
    assertThat(applied).containsExactlyInAnyOrderElementsOf(compiledAdvice);
  }

  /** The calls the agent makes on a module while it installs it. */
  private static void startUp(InstrumentationModule module) {
    module.instrumentationName();
    module.order();
    module.classLoaderMatcher();
    module.getAdditionalHelperClassNames();
    module.isHelperClass(EXTENSION + "common.LlmSpan");
    for (TypeInstrumentation instrumentation : module.typeInstrumentations()) {
      instrumentation.classLoaderOptimization();
      instrumentation.typeMatcher();
      instrumentation.transform(new AdviceRecorder(new ArrayList<>()));
    }
  }

  /**
   * What the agent's SDK set-up does with a customizer provider: run the tracer-provider
   * customizers it adds.
   */
  @SuppressWarnings("unchecked")
  private static void customize(AutoConfigurationCustomizerProvider provider) {
    List<BiFunction<SdkTracerProviderBuilder, ?, SdkTracerProviderBuilder>> tracerCustomizers =
        new ArrayList<>();
    AutoConfigurationCustomizer customizer =
        (AutoConfigurationCustomizer)
            Proxy.newProxyInstance(
                ExtensionStartupTest.class.getClassLoader(),
                new Class<?>[] {AutoConfigurationCustomizer.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("addTracerProviderCustomizer")) {
                    tracerCustomizers.add(
                        (BiFunction<SdkTracerProviderBuilder, ?, SdkTracerProviderBuilder>)
                            args[0]);
                  }
                  return method.getReturnType().isInstance(proxy) ? proxy : null;
                });
    provider.customize(customizer);
    assertThat(tracerCustomizers).isNotEmpty();
    for (BiFunction<SdkTracerProviderBuilder, ?, SdkTracerProviderBuilder> tracerCustomizer :
        tracerCustomizers) {
      ((BiFunction<SdkTracerProviderBuilder, Object, SdkTracerProviderBuilder>) tracerCustomizer)
          .apply(SdkTracerProvider.builder(), null)
          .build()
          .close();
    }
  }

  private static Path extensionClasses() {
    return Path.of(System.getProperty("extension.classes"));
  }

  private static List<String> services(String file) throws IOException {
    return Files.readAllLines(extensionClasses().resolve(file)).stream()
        .map(String::trim)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .collect(Collectors.toList());
  }

  private static List<String> compiledClasses() throws IOException {
    return HelperListTestAccess.compiledClasses("dev.boxscore.otel.ext");
  }

  /**
   * Child-first for the extension's classes, as the agent's class loader is for the extension jar.
   */
  private static final class ExtensionLoader extends URLClassLoader {
    ExtensionLoader() throws IOException {
      super(
          new URL[] {extensionClasses().toUri().toURL()},
          ExtensionStartupTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(EXTENSION)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : findClass(name);
      }
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }
  }

  private static final class AdviceRecorder implements TypeTransformer {
    private final List<String> advice;

    AdviceRecorder(List<String> advice) {
      this.advice = advice;
    }

    @Override
    public void applyAdviceToMethod(
        ElementMatcher<? super MethodDescription> methodMatcher,
        Function<Advice.WithCustomMapping, Advice.WithCustomMapping> mappingCustomizer,
        String adviceClassName) {
      advice.add(adviceClassName);
    }

    @Override
    public void applyTransformer(AgentBuilder.Transformer transformer) {
      advice.add("transformer " + transformer);
    }
  }
}
