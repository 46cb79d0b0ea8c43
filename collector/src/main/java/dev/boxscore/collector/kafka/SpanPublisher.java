package dev.boxscore.collector.kafka;

import dev.boxscore.auth.kafka.KafkaCredentials;
import dev.boxscore.collector.config.CollectorConfig;
import dev.boxscore.wire.KafkaTopics;
import dev.boxscore.wire.OtlpTraceRequests;
import dev.boxscore.wire.SpanRecord;
import dev.boxscore.wire.SpanRecordCodec;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes accepted spans to Kafka, one record per trace, and completes only when the broker
 * acknowledged every record (acks=all, idempotent producer). A record that Kafka cannot take within
 * the publish timeout fails the whole request, so the client retries it; duplicates that a retry
 * may cause collapse in storage.
 */
@ApplicationScoped
public class SpanPublisher {
  private final CollectorConfig config;
  private final KafkaCredentials kafka;
  private volatile Producer<byte[], byte[]> producer;

  SpanPublisher(CollectorConfig config, KafkaCredentials kafka) {
    this.config = config;
    this.kafka = kafka;
  }

  private Producer<byte[], byte[]> producer() {
    Producer<byte[], byte[]> p = producer;
    if (p == null) {
      synchronized (this) {
        if (producer == null) {
          producer =
              new KafkaProducer<>(
                  properties(config, kafka), new ByteArraySerializer(), new ByteArraySerializer());
        }
        p = producer;
      }
    }
    return p;
  }

  static Properties properties(CollectorConfig config, KafkaCredentials kafka) {
    long timeout = config.publishTimeout().toMillis();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrap());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "boxscore-collector");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    // A request's spans of one trace form one record: allow records as large as the largest
    // request.
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.maxRequestBytes() + 64 * 1024);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout / 2));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
    // When Kafka is gone and the buffer is full, fail fast (503) instead of holding request
    // threads.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    return kafka.applyTo(props);
  }

  /** Completes when every trace of the request is acknowledged; fails if any is not. */
  public CompletionStage<Void> publish(String projectId, ExportTraceServiceRequest spans) {
    Map<String, ExportTraceServiceRequest> byTrace = OtlpTraceRequests.splitByTrace(spans);
    Instant receivedAt = Instant.now();
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicInteger pending = new AtomicInteger(byTrace.size());
    try {
      Producer<byte[], byte[]> p = producer();
      byTrace.forEach(
          (traceId, request) ->
              p.send(
                  SpanRecordCodec.toProducerRecord(
                      KafkaTopics.SPANS, new SpanRecord(projectId, receivedAt, traceId, request)),
                  (metadata, error) -> {
                    if (error != null) {
                      done.completeExceptionally(error);
                    } else if (pending.decrementAndGet() == 0) {
                      done.complete(null);
                    }
                  }));
    } catch (RuntimeException e) {
      // send() throws when metadata or buffer space does not come within max.block.ms.
      done.completeExceptionally(e);
    }
    return done;
  }

  @PreDestroy
  void close() {
    Producer<byte[], byte[]> p = producer;
    if (p != null) {
      p.close(Duration.ofSeconds(5));
    }
  }
}
