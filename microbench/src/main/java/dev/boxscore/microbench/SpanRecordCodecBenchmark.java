package dev.boxscore.microbench;

import dev.boxscore.wire.InvalidSpanRecordException;
import dev.boxscore.wire.KafkaTopics;
import dev.boxscore.wire.SpanRecord;
import dev.boxscore.wire.SpanRecordCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A request's per-trace records to Kafka and back: the collector encodes each trace's spans as a
 * protobuf value with the project and acceptance time in headers; ingest checks the headers and
 * parses the value.
 */
public class SpanRecordCodecBenchmark extends RequestBenchmark {
  List<SpanRecord> records;
  List<ConsumerRecord<byte[], byte[]>> consumed;

  @Setup
  public void setUp() {
    records = BenchInput.records(BenchInput.request(contentBytes));
    consumed = new ArrayList<>(records.size());
    long offset = 0;
    for (SpanRecord record : records) {
      consumed.add(asConsumed(encodeOne(record), offset++));
    }
  }

  @Benchmark
  public void encode(Blackhole out) {
    for (SpanRecord record : records) {
      out.consume(encodeOne(record));
    }
  }

  @Benchmark
  public void decode(Blackhole out) throws InvalidSpanRecordException {
    for (ConsumerRecord<byte[], byte[]> record : consumed) {
      out.consume(SpanRecordCodec.fromConsumerRecord(record));
    }
  }

  static ProducerRecord<byte[], byte[]> encodeOne(SpanRecord record) {
    return SpanRecordCodec.toProducerRecord(KafkaTopics.SPANS, record);
  }

  /** What the consumer would receive for a sent record: same key, value and headers. */
  static ConsumerRecord<byte[], byte[]> asConsumed(
      ProducerRecord<byte[], byte[]> sent, long offset) {
    return new ConsumerRecord<>(
        sent.topic(),
        0,
        offset,
        BenchInput.RECEIVED_AT.toEpochMilli(),
        TimestampType.CREATE_TIME,
        sent.key().length,
        sent.value().length,
        sent.key(),
        sent.value(),
        sent.headers(),
        Optional.empty());
  }
}
