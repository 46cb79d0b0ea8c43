package dev.boxscore.ingest.kafka;

import dev.boxscore.ingest.mapping.SpanRowFactory;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.SpanWriter;
import dev.boxscore.storage.StorageException;
import dev.boxscore.wire.InvalidSpanRecordException;
import dev.boxscore.wire.KafkaTopics;
import dev.boxscore.wire.OtelCollectorKafkaRecords;
import dev.boxscore.wire.SpanRecord;
import dev.boxscore.wire.SpanRecordCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The ingest loop: poll span records, gather them into a batch, write the batch to storage in one
 * insert, then commit the batch's offsets. Offsets are committed only after the insert succeeded,
 * so a crash anywhere replays the batch, and the {@link DuplicateGate} drops what the crashed run
 * had stored already. While storage fails, the partitions are paused and the insert is retried with
 * backoff; polling goes on, so the consumer keeps its group membership and Kafka holds the backlog.
 */
public final class SpanConsumerLoop implements Runnable {
  private static final Logger LOG = Logger.getLogger(SpanConsumerLoop.class);

  /** Tuning of the loop; see {@code IngestConfig} for the meaning and defaults. */
  public record Settings(
      String topic,
      int batchMaxSpans,
      Duration batchMaxWait,
      Duration retryBackoffMax,
      Optional<OtelCollectorTopic> otelCollector) {
    public Settings(
        String topic, int batchMaxSpans, Duration batchMaxWait, Duration retryBackoffMax) {
      this(topic, batchMaxSpans, batchMaxWait, retryBackoffMax, Optional.empty());
    }

    public Settings(int batchMaxSpans, Duration batchMaxWait, Duration retryBackoffMax) {
      this(KafkaTopics.SPANS, batchMaxSpans, batchMaxWait, retryBackoffMax);
    }

    /**
     * Boxscore's topic, and the exporter's if configured. One consumer for both: offsets are per
     * partition anyway, and a trace keyed by its id stays on one partition of its topic, so the
     * {@link DuplicateGate}'s one-writer-per-trace premise holds for both.
     */
    List<String> topics() {
      return otelCollector.map(o -> List.of(topic, o.topic())).orElse(List.of(topic));
    }
  }

  private final Settings settings;
  private final Consumer<byte[], byte[]> consumer;
  private final SpanWriter writer;
  private final SpanRowFactory rowFactory;
  private final DeadLetters deadLetters;

  private final List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
  private final List<SpanRow> pendingRows = new ArrayList<>();
  private long oldestPendingNanos;
  private volatile boolean running = true;

  /**
   * Joined the group (partitions assigned, possibly none) and not lost them since; false once the
   * loop ends.
   */
  private volatile boolean joined;

  private java.util.function.Consumer<String> crashHook = point -> {};
  private boolean batchRevoked;
  private boolean warnedUnkeyed;
  private final AtomicLong spansStored = new AtomicLong();
  private final AtomicLong lag = new AtomicLong();
  private final Counter storedCounter;
  private final Counter duplicateCounter;
  private final Timer insertTimer;

  public SpanConsumerLoop(
      Settings settings,
      Consumer<byte[], byte[]> consumer,
      org.apache.kafka.clients.producer.Producer<byte[], byte[]> deadLetterProducer,
      SpanWriter writer,
      SpanRowFactory rowFactory,
      MeterRegistry meters) {
    this.settings = settings;
    this.consumer = consumer;
    this.writer = writer;
    this.rowFactory = rowFactory;
    this.deadLetters = new DeadLetters(deadLetterProducer);
    this.storedCounter =
        Counter.builder("boxscore.spans.stored")
            .description("Spans inserted into storage")
            .register(meters);
    this.duplicateCounter =
        Counter.builder("boxscore.spans.duplicates")
            .description(
                "Spans dropped by ingest because they were stored already or twice in a batch")
            .register(meters);
    this.insertTimer =
        Timer.builder("boxscore.ingest.insert")
            .description("Duration of one batch insert")
            .register(meters);
    Gauge.builder("boxscore.ingest.consumer.lag", lag, AtomicLong::get)
        .description("Span records in Kafka not yet consumed by this ingest process")
        .register(meters);
    FunctionCounter.builder("boxscore.dlq.records", deadLetters, DeadLetters::count)
        .description("Records sent to the dead-letter topic")
        .register(meters);
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(settings.topics(), new Rebalance());
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          add(record);
        }
        updateLag();
        if (!pending.isEmpty()
            && (pendingRows.size() >= settings.batchMaxSpans()
                || System.nanoTime() - oldestPendingNanos >= settings.batchMaxWait().toNanos())) {
          flush();
        }
      }
    } catch (WakeupException e) {
      // stop() was called.
    } catch (FencedInstanceIdException e) {
      LOG.error(
          "ingest loop stopped: another ingest process joined the group with this process's instance id"
              + " (boxscore.ingest.instance-id); give each process its own",
          e);
    } catch (RuntimeException e) {
      LOG.error(
          "ingest loop stopped by an unexpected error; uncommitted spans will be read again", e);
    } finally {
      joined = false;
      // Leave the group even as a static member (which by default stays until its session expires):
      // whoever takes
      // the partitions next, this process restarted or another one, gets them at once.
      consumer.close(
          CloseOptions.timeout(Duration.ofSeconds(5))
              .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
  }

  private void updateLag() {
    long total = 0;
    for (TopicPartition tp : consumer.assignment()) {
      total += consumer.currentLag(tp).orElse(0);
    }
    lag.set(total);
  }

  private void add(ConsumerRecord<byte[], byte[]> record) {
    if (pending.isEmpty()) {
      oldestPendingNanos = System.nanoTime();
    }
    pending.add(record);
    try {
      OtelCollectorTopic otel = settings.otelCollector().orElse(null);
      if (otel != null && otel.topic().equals(record.topic())) {
        addExporterRecord(record, otel);
      } else {
        pendingRows.addAll(
            rowFactory.rows(SpanRecordCodec.fromConsumerRecord(record), Instant.now()));
      }
    } catch (InvalidSpanRecordException e) {
      deadLetters.send(record, "undecodable: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.warnf(
          e,
          "span record %s/%d@%d cannot be mapped; sent to %s",
          record.topic(),
          record.partition(),
          record.offset(),
          KafkaTopics.DEAD_LETTER);
      deadLetters.send(record, "unmappable: " + e);
    }
  }

  /**
   * A record of the OpenTelemetry Collector's Kafka exporter: its traces, under the set project.
   */
  private void addExporterRecord(ConsumerRecord<byte[], byte[]> record, OtelCollectorTopic otel)
      throws InvalidSpanRecordException {
    OtelCollectorKafkaRecords.Decoded decoded =
        OtelCollectorKafkaRecords.decode(record, otel.projectId(), otel.maxRecordBytes());
    if (!decoded.keyedByTrace() && !warnedUnkeyed) {
      warnedUnkeyed = true;
      LOG.warnf(
          "a record on %s is not keyed by its trace id (%d traces in it): without the Kafka"
              + " exporter's partition_traces_by_id a trace's spans may reach several ingest"
              + " processes at once, and a retried export may then be stored twice",
          record.topic(), decoded.traces().size());
    }
    Instant now = Instant.now();
    // All or nothing: a record that fails halfway goes to the dead letters without leaving rows.
    List<SpanRow> rows = new ArrayList<>();
    for (SpanRecord trace : decoded.traces()) {
      rows.addAll(rowFactory.rows(trace, now));
    }
    pendingRows.addAll(rows);
  }

  /**
   * Writes the pending batch until it is stored (or revoked, or the loop stops), then commits its
   * offsets.
   */
  private void flush() {
    batchRevoked = false;
    long backoffMillis = 250;
    long failingSince = 0;
    long lastWarned = 0;
    int attempts = 0;
    int written;
    while (true) {
      try {
        deadLetters.flush();
        written = store();
        break;
      } catch (StorageException
          | InterruptedException
          | java.util.concurrent.ExecutionException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        attempts++;
        long now = System.nanoTime();
        if (attempts == 1) {
          failingSince = now;
        }
        // Once when storage starts failing, then every 30 s: an outage of minutes is a few lines,
        // not thousands.
        if (attempts == 1 || now - lastWarned >= 30_000_000_000L) {
          lastWarned = now;
          LOG.warnf(
              "writing %d spans failed (%d attempts over %d s), retrying: %s",
              pendingRows.size(), attempts, (now - failingSince) / 1_000_000_000L, e.getMessage());
        }
        consumer.pause(consumer.assignment());
        waitPolling(backoffMillis);
        backoffMillis = Math.min(backoffMillis * 2, settings.retryBackoffMax().toMillis());
        if (!running || batchRevoked) {
          // Nothing committed: whoever owns the partitions next reads the batch again.
          clearPending();
          consumer.resume(consumer.paused());
          return;
        }
      }
    }
    crashHook.accept("after-insert");
    try {
      consumer.commitSync(offsets(pending));
    } catch (WakeupException | InterruptException e) {
      throw e;
    } catch (KafkaException e) {
      // The rows are stored, so the loop goes on: a later commit covers these offsets (commits are
      // positions), and
      // whoever reads them again first (after a crash or a rebalance) finds them stored
      // (DuplicateGate).
      LOG.warnf(
          "committing the offsets of %d stored spans failed; they are covered by the next commit or"
              + " dropped as duplicates when read again: %s",
          written, e.getMessage());
    }
    spansStored.addAndGet(written);
    clearPending();
    consumer.resume(consumer.paused());
  }

  /**
   * Inserts the spans of the pending batch that are not stored yet; returns how many it inserted.
   */
  private int store() {
    List<SpanRow> fresh = DuplicateGate.newRows(pendingRows, writer);
    duplicateCounter.increment(pendingRows.size() - fresh.size());
    if (!fresh.isEmpty()) {
      crashHook.accept("before-insert");
      insertTimer.record(() -> writer.write(fresh));
      storedCounter.increment(fresh.size());
    }
    return fresh.size();
  }

  /**
   * Called at the points where a crash matters most ("before-insert", "after-insert" before the
   * offset commit); fault tests run the loop in a child JVM and halt it there. A no-op otherwise.
   */
  public void setCrashHook(java.util.function.Consumer<String> hook) {
    this.crashHook = hook;
  }

  /**
   * Waits while polling the paused consumer, which returns nothing but keeps the group membership
   * alive.
   */
  private void waitPolling(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (running && !batchRevoked && System.nanoTime() < deadline) {
      consumer.poll(
          Duration.ofMillis(
              Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L))));
    }
  }

  private void clearPending() {
    pending.clear();
    pendingRows.clear();
  }

  private static Map<TopicPartition, OffsetAndMetadata> offsets(
      List<ConsumerRecord<byte[], byte[]>> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      offsets.merge(
          new TopicPartition(r.topic(), r.partition()),
          new OffsetAndMetadata(r.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    return offsets;
  }

  /**
   * Whether the loop runs and has completed its consumer group join: partitions were assigned
   * (possibly none, when other members hold them all) and not lost since.
   */
  public boolean joined() {
    return joined;
  }

  /** Spans written and committed since start. */
  public long spansStored() {
    return spansStored.get();
  }

  /** Records sent to the dead-letter topic since start. */
  public long deadLetterCount() {
    return deadLetters.count();
  }

  /** Asks the loop to stop; it finishes the current step and closes the consumer. */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (pending.isEmpty()) {
        return;
      }
      // Called from inside poll(): either the batch is mid-retry (give it up) or it can be written
      // now, once.
      batchRevoked = true;
      try {
        deadLetters.flush();
        int written = store();
        consumer.commitSync(offsets(pending));
        spansStored.addAndGet(written);
      } catch (Exception e) {
        LOG.warnf(
            "partitions revoked with an unwritten batch of %d spans; it will be read again: %s",
            pendingRows.size(), e.getMessage());
      }
      clearPending();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      joined = running;
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // The session expired (this process stalled): another member may own them now. Ready again
      // once rejoined.
      joined = false;
      onPartitionsRevoked(partitions);
    }
  }
}
