package dev.boxscore.otel.ext.sdk;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import java.util.function.BiFunction;

/** What the extension adds to the agent's SDK: {@link FinisherDrain} ahead of the exporting span processors. */
public final class BoxscoreSdkCustomizer implements AutoConfigurationCustomizerProvider {
  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addTracerProviderCustomizer(
        new BiFunction<SdkTracerProviderBuilder, ConfigProperties, SdkTracerProviderBuilder>() {
          @Override
          public SdkTracerProviderBuilder apply(SdkTracerProviderBuilder builder, ConfigProperties config) {
            return builder.addSpanProcessorFirst(new FinisherDrain());
          }
        });
  }
}
