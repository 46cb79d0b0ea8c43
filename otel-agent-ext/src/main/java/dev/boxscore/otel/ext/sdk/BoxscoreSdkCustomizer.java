package dev.boxscore.otel.ext.sdk;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import java.util.function.BiFunction;

/**
 * What the extension adds to the agent's SDK: {@link FinisherDrain} ahead of the exporting span
 * processors, and ahead of it {@link UserSessionProcessor}, which records user and session on every
 * span (unless {@code boxscore.user.capture=false}). It is its own tracer-provider customizer (no
 * nested class): each extension class the agent loads at start-up costs about a millisecond
 * (BENCHMARKS.md).
 */
public final class BoxscoreSdkCustomizer
    implements AutoConfigurationCustomizerProvider,
        BiFunction<SdkTracerProviderBuilder, ConfigProperties, SdkTracerProviderBuilder> {
  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addTracerProviderCustomizer(this);
  }

  @Override
  public SdkTracerProviderBuilder apply(SdkTracerProviderBuilder builder, ConfigProperties config) {
    builder.addSpanProcessorFirst(new FinisherDrain());
    UserSessionProcessor userSession = UserSessionProcessor.fromSettings();
    if (userSession != null) {
      // first, so that the processors after it see the attributes in their onStart too
      builder.addSpanProcessorFirst(userSession);
    }
    return builder;
  }
}
