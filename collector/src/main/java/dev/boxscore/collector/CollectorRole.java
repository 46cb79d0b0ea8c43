package dev.boxscore.collector;

import dev.boxscore.auth.kafka.KafkaCredentials;
import dev.boxscore.collector.config.CollectorConfig;
import dev.boxscore.collector.kafka.TopicSetup;
import dev.boxscore.collector.otlp.OtlpGrpcServer;
import dev.boxscore.collector.otlp.OtlpHttpServer;
import dev.boxscore.collector.service.TraceExportService;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Starts the collector role when enabled: topics, then the OTLP/HTTP and OTLP/gRPC listeners. */
@ApplicationScoped
public class CollectorRole {
  private static final Logger LOG = Logger.getLogger(CollectorRole.class);

  private final CollectorConfig config;
  private final KafkaCredentials kafka;
  private final OtlpHttpServer http;
  private final OtlpGrpcServer grpc;
  private volatile int httpPort = -1;
  private volatile int grpcPort = -1;

  CollectorRole(
      CollectorConfig config, Vertx vertx, TraceExportService exports, KafkaCredentials kafka) {
    this.config = config;
    this.kafka = kafka;
    this.http = new OtlpHttpServer(vertx, config, exports);
    this.grpc = new OtlpGrpcServer(config, exports);
  }

  void start(@Observes StartupEvent event) throws Exception {
    if (!config.enabled()) {
      return;
    }
    TopicSetup.ensureTopics(config, kafka);
    httpPort = http.start();
    grpcPort = grpc.start();
    LOG.infof(
        "collector: OTLP/HTTP on %s:%d, OTLP/gRPC on %s:%d",
        config.host(), httpPort, config.host(), grpcPort);
  }

  /** The bound OTLP/HTTP port, or -1 when the role is off. */
  public int httpPort() {
    return httpPort;
  }

  /** The bound OTLP/gRPC port, or -1 when the role is off. */
  public int grpcPort() {
    return grpcPort;
  }

  @PreDestroy
  void stop() throws Exception {
    grpc.stop();
    http.stop();
  }
}
