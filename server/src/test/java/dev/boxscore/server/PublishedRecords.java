package dev.boxscore.server;

import dev.boxscore.wire.InvalidSpanRecordException;
import dev.boxscore.wire.KafkaTopics;
import dev.boxscore.wire.SpanRecord;
import dev.boxscore.wire.SpanRecordCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the collector published to the spans topic for one project, read whole from the broker (no
 * consumer group). One publish is one {@code send} with its own accept time ({@code receivedAt},
 * set once per OTLP request before sending): a client's retry is a new publish with a later time,
 * while the same (trace, accept time) twice in the log is one send written twice — what the
 * idempotent producer must prevent, even across a broker's crash.
 */
final class PublishedRecords {
  private PublishedRecords() {}

  /** Records of the project; sends found more than once in the log. */
  record Tally(long records, long sendsWrittenTwice) {}

  static Tally of(String bootstrap, Map<String, String> credentials, String projectId) {
    Properties props = KafkaTestClients.of(bootstrap, credentials);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    Map<String, Integer> sends = new HashMap<>();
    long records = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(KafkaTopics.SPANS, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      while (partitions.stream()
          .anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(30)) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          SpanRecord span = decode(r);
          if (span.projectId().equals(projectId)) {
            records++;
            sends.merge(span.traceId() + "@" + span.receivedAt().toEpochMilli(), 1, Integer::sum);
          }
        }
      }
    }
    return new Tally(records, sends.values().stream().filter(n -> n > 1).count());
  }

  private static SpanRecord decode(ConsumerRecord<byte[], byte[]> record) {
    try {
      return SpanRecordCodec.fromConsumerRecord(record);
    } catch (InvalidSpanRecordException e) {
      throw new AssertionError(
          "undecodable record at " + record.partition() + "@" + record.offset(), e);
    }
  }
}
