package dev.boxscore.server.bench;

import static org.awaitility.Awaitility.await;

import dev.boxscore.embedded.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What Kafka alone takes on this machine: the records the collector writes (one per trace, the wire
 * module's encoding) produced with the collector's producer settings and consumed at the same time
 * with ingest's consumer settings, on an embedded broker of the same version, for a fixed time.
 * Nothing else runs in between: no decoding, no rows, no engine.
 *
 * @param producedSpansPerSecond spans of acknowledged records over the produce window
 * @param consumedSpansPerSecond spans consumed from the first send to the last record consumed
 */
record RawKafkaLimit(
    long records,
    long spans,
    long bytes,
    double produceSeconds,
    double consumeSeconds,
    double producedSpansPerSecond,
    double consumedSpansPerSecond) {

  /** A record to send and the number of spans it carries. */
  record Encoded(ProducerRecord<byte[], byte[]> record, int spans) {}

  static RawKafkaLimit measure(Path dir, List<Encoded> records, Duration produceFor)
      throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).partitions(6).build().start()) {
      String topic = records.get(0).record().topic();
      try (Admin admin = Admin.create(common(kafka))) {
        admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
      }
      AtomicLong consumedRecords = new AtomicLong();
      AtomicLong consumedSpans = new AtomicLong();
      AtomicLong lastConsumed = new AtomicLong();
      AtomicReference<Throwable> failed = new AtomicReference<>();
      long[] produced = new long[3]; // records, spans, bytes acknowledged
      AtomicLong acked = new AtomicLong();
      Thread consumer =
          new Thread(
              () -> {
                try (KafkaConsumer<byte[], byte[]> c =
                    new KafkaConsumer<>(
                        consumerProperties(kafka),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
                  c.subscribe(List.of(topic));
                  while (!Thread.currentThread().isInterrupted()) {
                    ConsumerRecords<byte[], byte[]> batch = c.poll(Duration.ofMillis(100));
                    if (batch.isEmpty()) {
                      continue;
                    }
                    long spans = 0;
                    for (ConsumerRecord<byte[], byte[]> r : batch) {
                      spans += spansOf(r);
                    }
                    // Ingest commits after each insert; here after each poll.
                    c.commitSync();
                    consumedSpans.addAndGet(spans);
                    consumedRecords.addAndGet(batch.count());
                    lastConsumed.set(System.nanoTime());
                  }
                } catch (org.apache.kafka.common.errors.InterruptException stop) {
                  // asked to stop
                } catch (Throwable t) {
                  failed.set(t);
                }
              },
              "raw-kafka-consumer");
      consumer.setDaemon(true);
      consumer.start();

      long start;
      long produceEnd;
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              producerProperties(kafka), new ByteArraySerializer(), new ByteArraySerializer())) {
        // Warm the producer (metadata, idempotence id) outside the window.
        producer.send(records.get(0).record()).get();
        acked.incrementAndGet();
        // At most 64 MiB in flight, as the collector's buffer allows; never block the loop on one
        // record.
        Semaphore inFlight = new Semaphore(20_000);
        start = System.nanoTime();
        long deadline = start + produceFor.toNanos();
        int i = 0;
        while (System.nanoTime() < deadline && failed.get() == null) {
          Encoded e = records.get(i++ % records.size());
          inFlight.acquire();
          producer.send(
              e.record(),
              (metadata, error) -> {
                inFlight.release();
                if (error != null) {
                  failed.compareAndSet(null, error);
                } else {
                  synchronized (produced) {
                    produced[0]++;
                    produced[1] += e.spans();
                    produced[2] += e.record().value().length;
                  }
                }
              });
        }
        producer.flush();
        produceEnd = System.nanoTime();
      }
      long expected = produced[0] + acked.get();
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(5))
          .until(() -> consumedRecords.get() >= expected || failed.get() != null);
      consumer.interrupt();
      consumer.join(10_000);
      if (failed.get() != null) {
        throw new IllegalStateException("raw Kafka stage failed", failed.get());
      }
      double produceSeconds = (produceEnd - start) / 1e9;
      double consumeSeconds = (lastConsumed.get() - start) / 1e9;
      return new RawKafkaLimit(
          produced[0],
          produced[1],
          produced[2],
          produceSeconds,
          consumeSeconds,
          produced[1] / produceSeconds,
          (consumedSpans.get() - records.get(0).spans()) / consumeSeconds);
    }
  }

  private static int spansOf(ConsumerRecord<byte[], byte[]> r) {
    // The benchmark's own header: how many spans the record carries (counting them would decode).
    return java.nio.ByteBuffer.wrap(r.headers().lastHeader(SPANS_HEADER).value()).getInt();
  }

  static final String SPANS_HEADER = "bench-spans";

  private static Properties common(EmbeddedKafka kafka) {
    Properties props = new Properties();
    props.put("bootstrap.servers", kafka.bootstrapServers());
    props.putAll(kafka.clientProperties());
    return props;
  }

  /** The collector's producer settings (SpanPublisher). */
  private static Properties producerProperties(EmbeddedKafka kafka) {
    Properties props = common(kafka);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    return props;
  }

  /** Ingest's consumer settings (IngestRole). */
  private static Properties consumerProperties(EmbeddedKafka kafka) {
    Properties props = common(kafka);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "raw-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return props;
  }
}
