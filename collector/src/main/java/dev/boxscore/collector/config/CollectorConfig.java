package dev.boxscore.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the collector role. */
@ConfigMapping(prefix = "boxscore.collector")
public interface CollectorConfig {
  /** Whether this process runs the collector role. */
  @WithDefault("true")
  boolean enabled();

  /** Interface the OTLP listeners bind to. */
  @WithDefault("0.0.0.0")
  String host();

  /** OTLP/HTTP port ({@code POST /v1/traces}); 0 picks a free port. */
  @WithDefault("4318")
  int httpPort();

  /** OTLP/gRPC port ({@code TraceService/Export}); 0 picks a free port. */
  @WithDefault("4317")
  int grpcPort();

  /**
   * Largest request accepted, in bytes, after decompression; larger ones get 413 /
   * RESOURCE_EXHAUSTED.
   */
  @WithDefault("8388608")
  int maxRequestBytes();

  /**
   * How long a request waits for Kafka to acknowledge its spans before it is answered 503 /
   * UNAVAILABLE.
   */
  @WithDefault("10s")
  Duration publishTimeout();

  /** Retry-After sent with 503 answers, in seconds. */
  @WithDefault("5")
  int retryAfterSeconds();

  /** Most spans one request may carry; more gets 413 / RESOURCE_EXHAUSTED. */
  @WithDefault("50000")
  int maxSpansPerRequest();

  /**
   * Most attributes kept per span, event, link or resource (and elements per array); the rest are
   * dropped.
   */
  @WithDefault("256")
  int maxAttributes();

  /**
   * Longest string kept (names, messages, attribute values); longer ones are cut and marked
   * "…[truncated N chars]".
   */
  @WithDefault("65536")
  int maxValueChars();

  /**
   * OTLP requests per second per API key, unless the key has its own rate; more get 429 with
   * Retry-After.
   */
  @WithDefault("1000")
  int requestsPerSecond();

  Kafka kafka();

  /** The Kafka cluster spans go to. */
  interface Kafka {
    /** Bootstrap servers; the one-machine mode points this at its embedded broker. */
    @WithDefault("127.0.0.1:9092")
    String bootstrap();

    /** Partitions of the spans topic when the collector creates it. */
    @WithDefault("6")
    int partitions();

    /** Replication factor of the spans topic when the collector creates it. */
    @WithDefault("1")
    short replicationFactor();
  }
}
