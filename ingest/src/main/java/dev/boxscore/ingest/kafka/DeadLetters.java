package dev.boxscore.ingest.kafka;

import dev.boxscore.wire.KafkaTopics;
import dev.boxscore.wire.SpanRecordCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends records ingest cannot take to the dead-letter topic, byte for byte, with the reason and
 * origin in headers. {@link #flush()} waits for the broker, so offsets are committed only after the
 * dead letters are safe.
 */
final class DeadLetters {
  static final String ORIGIN_HEADER = "bx-dlq-origin";

  private final Producer<byte[], byte[]> producer;
  private final List<Future<?>> inFlight = new ArrayList<>();
  private long count;

  DeadLetters(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  void send(ConsumerRecord<byte[], byte[]> record, String reason) {
    ProducerRecord<byte[], byte[]> dead =
        new ProducerRecord<>(
            KafkaTopics.DEAD_LETTER, null, record.key(), record.value(), record.headers());
    dead.headers().add(SpanRecordCodec.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
    dead.headers()
        .add(
            ORIGIN_HEADER,
            (record.topic() + "/" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
    inFlight.add(producer.send(dead));
    count++;
  }

  void flush() throws InterruptedException, java.util.concurrent.ExecutionException {
    for (Future<?> f : inFlight) {
      f.get();
    }
    inFlight.clear();
  }

  /** Dead letters sent since start. */
  long count() {
    return count;
  }
}
