package dev.boxscore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.boxscore.ingest.kafka.SpanConsumerLoop;
import dev.boxscore.ingest.mapping.SpanRowFactory;
import dev.boxscore.model.normalize.LlmSpanNormalizer;
import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.storage.SpanKey;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.SpanWriter;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import dev.boxscore.wire.SpanRecord;
import dev.boxscore.wire.SpanRecordCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Exactly once from Kafka to ClickHouse while ingest dies at random points (fixed seed): before an
 * insert (mid-batch, nothing written) and after an insert before its offsets are committed (the
 * batch is replayed), plus retried records and a ClickHouse outage. Ends with acknowledged spans ==
 * stored rows (counted WITHOUT FINAL, as a materialized view sees them) and stored cost == expected
 * cost, exactly.
 *
 * <p>The ingest loop runs on its own topic and consumer group; a "crash" is an Error thrown from
 * its crash hook, so the loop dies without committing, as a killed process would. Soak: {@code
 * ./mvnw -B -pl server -am verify -Dtest=ExactlyOnceUnderCrashesTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dboxscore.soak.traces=20000 -Dboxscore.soak.crashes=40}.
 */
@QuarkusTest
class ExactlyOnceUnderCrashesTest {
  static final long SEED = 42L;
  static final int TRACES = Integer.getInteger("boxscore.soak.traces", 600);
  static final int CRASHES = Integer.getInteger("boxscore.soak.crashes", 8);

  /**
   * Thrown from the crash hook: not caught by the loop, like a SIGKILL it ends it without a commit.
   */
  static final class Crash extends Error {
    Crash(String point) {
      super("simulated crash at " + point, null, false, false);
    }
  }

  @Test
  void everyAcknowledgedSpanIsStoredOnceThroughCrashesRetriesAndAnOutage() throws Exception {
    Random random = new Random(SEED);
    OneMachine machine = EmbeddedInfrastructure.machine();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String topic = "boxscore.test.crash-" + run;
    String project = "crash-" + run;
    String service = "crash-service";
    String bootstrap = machine.kafka().bootstrapServers();
    try (Admin admin = KafkaTestClients.admin(machine.kafka())) {
      admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
    }

    // Produce like the collector (keyed by trace id, acks=all); 10% of records are sent twice (a
    // client retry).
    long acknowledgedSpans = 0;
    BigDecimal expectedCost = BigDecimal.ZERO;
    ModelPrice mini = ListPrices.of("openai", "gpt-4o-mini", Instant.now());
    Properties p = new Properties();
    p.putAll(KafkaTestClients.of(machine.kafka()));
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    // Not idempotent: a fresh topic right after a broker restart (FaultsTest) can fail idempotent
    // sequences; failed
    // sends are retried below like a client would, and any duplicate that makes is the gate's job.
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sends = new java.util.ArrayList<>();
      List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> sent =
          new java.util.ArrayList<>();
      for (int t = 0; t < TRACES; t++) {
        byte[] traceId = new byte[16];
        random.nextBytes(traceId);
        traceId[0] |= 1;
        int spans = 1 + random.nextInt(5);
        long input = random.nextInt(100_000);
        long output = random.nextInt(10_000);
        ExportTraceServiceRequest request = trace(random, traceId, service, spans, input, output);
        SpanRecord record =
            new SpanRecord(project, Instant.now(), HexFormat.of().formatHex(traceId), request);
        int copies = random.nextInt(10) == 0 ? 2 : 1;
        for (int c = 0; c < copies; c++) {
          var producerRecord = SpanRecordCodec.toProducerRecord(topic, record);
          sent.add(producerRecord);
          sends.add(producer.send(producerRecord));
        }
        acknowledgedSpans += spans;
        // At gpt-4o-mini's list price in the built-in catalog.
        expectedCost = expectedCost.add(ListPrices.cost(mini, input, output));
      }
      for (int i = 0; i < sends.size(); i++) {
        // Acknowledged by the broker, after retries as an exporter would make them.
        try {
          sends.get(i).get();
        } catch (java.util.concurrent.ExecutionException e) {
          var retry = sent.get(i);
          await()
              .atMost(Duration.ofSeconds(60))
              .ignoreExceptions()
              .until(() -> producer.send(retry).get() != null);
        }
      }
    }

    ClickHouseStorage storage =
        ClickHouseStorage.builder()
            .url(machine.clickHouse().url())
            .username(machine.clickHouse().username())
            .password(machine.clickHouse().password())
            .build()
            .start();
    try {
      Map<String, Integer> crashes = new java.util.TreeMap<>();
      for (int round = 0; round < CRASHES; round++) {
        String point = random.nextBoolean() ? "before-insert" : "after-insert";
        int occurrence = 1 + random.nextInt(3);
        boolean outage = round == 1;
        Throwable ended =
            runLoop(
                storage,
                topic,
                project,
                service,
                acknowledgedSpans,
                random.nextInt(100) + 20,
                point,
                occurrence,
                outage);
        if (ended instanceof Crash) {
          crashes.merge(point, 1, Integer::sum);
        } else {
          assertThat(ended)
              .as("round %d: the loop ends only by a crash or when all is stored", round)
              .isNull();
        }
      }
      System.out.println("crashes by point (seed " + SEED + "): " + crashes);
      assertThat(crashes).containsKeys("before-insert", "after-insert");
      // A last ingest without crashes finishes the work.
      SpanConsumerLoop last = loop(storage, topic, project, 500).loop;
      Thread thread = new Thread(last, "ingest-final");
      thread.start();
      long expected = acknowledgedSpans;
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> StoredSpans.ofService(project, service).distinctSpans() == expected);
      last.stop();
      thread.join(10_000);
    } finally {
      storage.close();
    }

    StoredSpans.Totals totals = StoredSpans.ofService(project, service);
    assertThat(totals.distinctSpans()).isEqualTo(acknowledgedSpans);
    assertThat(totals.rows())
        .as("rows without FINAL: no span stored twice")
        .isEqualTo(acknowledgedSpans);
    assertThat(totals.cost()).isEqualByComparingTo(expectedCost);
  }

  /**
   * The broker goes away between a batch's insert and its offset commit, so the commit fails (after
   * 3 s here): the rows are stored, so ingest carries on, and the spans sent after the broker is
   * back are stored too, each once.
   */
  @Test
  void aFailedOffsetCommitDoesNotStopIngest() throws Exception {
    Random random = new Random(SEED + 1);
    OneMachine machine = EmbeddedInfrastructure.machine();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String topic = "boxscore.test.commit-" + run;
    String project = "commit-" + run;
    String service = "commit-service";
    try (Admin admin = KafkaTestClients.admin(machine.kafka())) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    long spans = produce(random, topic, project, service, 20);
    ClickHouseStorage storage =
        ClickHouseStorage.builder()
            .url(machine.clickHouse().url())
            .username(machine.clickHouse().username())
            .password(machine.clickHouse().password())
            .build()
            .start();
    try {
      Running loop =
          loop(
              storage,
              topic,
              project,
              1000,
              Map.of(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
      ObservedConsumer consumer = (ObservedConsumer) loop.consumer;
      AtomicBoolean brokerStopped = new AtomicBoolean();
      loop.loop.setCrashHook(
          point -> {
            if (point.equals("after-insert") && brokerStopped.compareAndSet(false, true)) {
              machine.kafka().stop();
            }
          });
      Throwable[] ended = {null};
      Thread thread = new Thread(loop.loop, "ingest-commit-fails");
      thread.setUncaughtExceptionHandler((t, e) -> ended[0] = e);
      thread.start();
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .failFast("ingest ended", () -> !thread.isAlive())
            .until(brokerStopped::get);
        // The commit of the stored batch fails (the broker is away past the consumer's 3 s API
        // timeout): observed on
        // the consumer, not assumed from a sleep.
        await()
            .atMost(Duration.ofSeconds(30))
            .failFast("ingest ended", () -> !thread.isAlive())
            .until(() -> consumer.failedCommits() > 0);
      } finally {
        machine.kafka().start();
      }
      spans += produce(random, topic, project, service, 20);
      long expected = spans;
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () ->
                  StoredSpans.ofService(project, service).distinctSpans() == expected
                      || !thread.isAlive());
      assertThat(thread.isAlive()).as("ingest still runs (ended by %s)", ended[0]).isTrue();
      loop.loop.stop();
      thread.join(10_000);
    } finally {
      storage.close();
    }
    StoredSpans.Totals totals = StoredSpans.ofService(project, service);
    assertThat(totals.distinctSpans()).isEqualTo(spans);
    assertThat(totals.rows()).as("rows without FINAL: no span stored twice").isEqualTo(spans);
  }

  /**
   * Sends {@code traces} traces of 1-5 spans to the topic, acknowledged; returns the span count.
   */
  private static long produce(
      Random random, String topic, String project, String service, int traces) throws Exception {
    Properties p = new Properties();
    p.putAll(KafkaTestClients.infrastructure());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    long spans = 0;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int t = 0; t < traces; t++) {
        byte[] traceId = new byte[16];
        random.nextBytes(traceId);
        traceId[0] |= 1;
        int n = 1 + random.nextInt(5);
        SpanRecord record =
            new SpanRecord(
                project,
                Instant.now(),
                HexFormat.of().formatHex(traceId),
                trace(random, traceId, service, n, 100, 10));
        var producerRecord = SpanRecordCodec.toProducerRecord(topic, record);
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> producer.send(producerRecord).get() != null);
        spans += n;
      }
    }
    return spans;
  }

  /**
   * Runs one ingest until its crash; optionally stops ClickHouse for a while first (the loop must
   * wait it out).
   */
  private Throwable runLoop(
      ClickHouseStorage storage,
      String topic,
      String project,
      String service,
      long expected,
      int batch,
      String point,
      int occurrence,
      boolean outage)
      throws Exception {
    Running running = loop(storage, topic, project, batch);
    SpanConsumerLoop loop = running.loop;
    int[] seen = {0};
    loop.setCrashHook(
        at -> {
          if (at.equals(point) && ++seen[0] == occurrence) {
            throw new Crash(at);
          }
        });
    Throwable[] ended = {null};
    Thread thread = new Thread(loop, "ingest-crashing");
    thread.setUncaughtExceptionHandler((t, e) -> ended[0] = e);
    OneMachine machine = EmbeddedInfrastructure.machine();
    if (outage) {
      machine.clickHouse().stopServer();
    }
    thread.start();
    if (outage) {
      // The loop polls and retries while storage is away: storage returns once the loop's writer
      // has failed
      // three times (observed on the writer; the loop backs off 250 ms, 500 ms, 1 s between
      // attempts).
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .failFast("ingest ended", () -> !thread.isAlive())
            .until(() -> running.writer.failures() >= 3);
      } finally {
        machine.clickHouse().startServer();
      }
    }
    // Ends by its crash, or runs out of work first (everything stored) and is stopped.
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                !thread.isAlive()
                    || StoredSpans.ofService(project, service).distinctSpans() == expected);
    if (thread.isAlive()) {
      loop.stop();
      thread.join(10_000);
    }
    return ended[0];
  }

  /** A loop with the consumer and writer it runs on, both observed. */
  record Running(SpanConsumerLoop loop, ObservedConsumer consumer, ObservedWriter writer) {}

  private Running loop(ClickHouseStorage storage, String topic, String project, int batch) {
    return loop(storage, topic, project, batch, Map.of());
  }

  private Running loop(
      ClickHouseStorage storage,
      String topic,
      String project,
      int batch,
      Map<String, Object> consumerOverrides) {
    Properties c = new Properties();
    c.putAll(KafkaTestClients.infrastructure());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "ingest-" + project);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    c.putAll(consumerOverrides);
    Properties p = new Properties();
    p.putAll(KafkaTestClients.infrastructure());
    ObservedConsumer consumer = new ObservedConsumer(c);
    ObservedWriter writer = new ObservedWriter(storage.spanWriter());
    SpanConsumerLoop loop =
        new SpanConsumerLoop(
            new SpanConsumerLoop.Settings(
                topic, batch, Duration.ofMillis(50), Duration.ofSeconds(1)),
            consumer,
            new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer()),
            writer,
            new SpanRowFactory(new LlmSpanNormalizer(), PriceCatalog.builtIn()),
            new SimpleMeterRegistry());
    return new Running(loop, consumer, writer);
  }

  /** The real Kafka consumer, counting the offset commits that fail. */
  static final class ObservedConsumer extends KafkaConsumer<byte[], byte[]> {
    private final AtomicInteger failedCommits = new AtomicInteger();

    ObservedConsumer(Properties properties) {
      super(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
      try {
        super.commitSync(offsets);
      } catch (KafkaException e) {
        failedCommits.incrementAndGet();
        throw e;
      }
    }

    int failedCommits() {
      return failedCommits.get();
    }
  }

  /** The real span writer, counting the calls that failed (storage away). */
  static final class ObservedWriter implements SpanWriter {
    private final SpanWriter writer;
    private final AtomicInteger failures = new AtomicInteger();

    ObservedWriter(SpanWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(List<SpanRow> rows) {
      try {
        writer.write(rows);
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        throw e;
      }
    }

    @Override
    public Set<SpanKey> alreadyStored(Collection<SpanRow> candidates) {
      try {
        return writer.alreadyStored(candidates);
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        throw e;
      }
    }

    int failures() {
      return failures.get();
    }
  }

  /**
   * A trace of {@code spans} spans whose root is a gpt-4o-mini call with the given token counts.
   */
  static ExportTraceServiceRequest trace(
      Random random, byte[] traceId, String service, int spans, long input, long output) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    long start = System.currentTimeMillis() * 1_000_000L;
    for (int i = 0; i < spans; i++) {
      byte[] spanId = new byte[8];
      random.nextBytes(spanId);
      spanId[0] |= 1;
      Span.Builder span =
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(traceId))
              .setSpanId(ByteString.copyFrom(spanId))
              .setName(i == 0 ? "chat gpt-4o-mini" : "step " + i)
              .setStartTimeUnixNano(start + i)
              .setEndTimeUnixNano(start + 1_000 + i);
      if (i == 0) {
        span.addAttributes(OtlpRequests.attr("gen_ai.operation.name", "chat"))
            .addAttributes(OtlpRequests.attr("gen_ai.provider.name", "openai"))
            .addAttributes(OtlpRequests.attr("gen_ai.request.model", "gpt-4o-mini"))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("gen_ai.usage.input_tokens")
                    .setValue(AnyValue.newBuilder().setIntValue(input)))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("gen_ai.usage.output_tokens")
                    .setValue(AnyValue.newBuilder().setIntValue(output)));
      }
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            io.opentelemetry.proto.trace.v1.ResourceSpans.newBuilder()
                .setResource(
                    io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                        .addAttributes(OtlpRequests.attr("service.name", service)))
                .addScopeSpans(scope))
        .build();
  }
}
