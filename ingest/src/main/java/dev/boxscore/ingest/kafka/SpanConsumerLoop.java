package dev.boxscore.ingest.kafka;

import dev.boxscore.ingest.mapping.SpanRowFactory;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.SpanWriter;
import dev.boxscore.storage.StorageException;
import dev.boxscore.wire.InvalidSpanRecordException;
import dev.boxscore.wire.KafkaTopics;
import dev.boxscore.wire.SpanRecordCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The ingest loop: poll span records, gather them into a batch, write the batch to storage in one insert, then
 * commit the batch's offsets. Offsets are committed only after the insert succeeded, so a crash anywhere replays
 * the batch (the store collapses the duplicates). While storage fails, the partitions are paused and the insert is
 * retried with backoff; polling goes on, so the consumer keeps its group membership and Kafka holds the backlog.
 */
public final class SpanConsumerLoop implements Runnable {
  private static final Logger LOG = Logger.getLogger(SpanConsumerLoop.class);

  /** Tuning of the loop; see {@code IngestConfig} for the meaning and defaults. */
  public record Settings(int batchMaxSpans, Duration batchMaxWait, Duration retryBackoffMax) {}

  private final Settings settings;
  private final Consumer<byte[], byte[]> consumer;
  private final SpanWriter writer;
  private final SpanRowFactory rowFactory;
  private final DeadLetters deadLetters;

  private final List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
  private final List<SpanRow> pendingRows = new ArrayList<>();
  private long oldestPendingNanos;
  private volatile boolean running = true;
  private boolean batchRevoked;
  private final AtomicLong spansStored = new AtomicLong();

  public SpanConsumerLoop(
      Settings settings,
      Consumer<byte[], byte[]> consumer,
      org.apache.kafka.clients.producer.Producer<byte[], byte[]> deadLetterProducer,
      SpanWriter writer,
      SpanRowFactory rowFactory) {
    this.settings = settings;
    this.consumer = consumer;
    this.writer = writer;
    this.rowFactory = rowFactory;
    this.deadLetters = new DeadLetters(deadLetterProducer);
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(KafkaTopics.SPANS), new Rebalance());
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          add(record);
        }
        if (!pending.isEmpty()
            && (pendingRows.size() >= settings.batchMaxSpans()
                || System.nanoTime() - oldestPendingNanos >= settings.batchMaxWait().toNanos())) {
          flush();
        }
      }
    } catch (WakeupException e) {
      // stop() was called.
    } catch (RuntimeException e) {
      LOG.error("ingest loop stopped by an unexpected error; uncommitted spans will be read again", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void add(ConsumerRecord<byte[], byte[]> record) {
    if (pending.isEmpty()) {
      oldestPendingNanos = System.nanoTime();
    }
    pending.add(record);
    try {
      pendingRows.addAll(rowFactory.rows(SpanRecordCodec.fromConsumerRecord(record), Instant.now()));
    } catch (InvalidSpanRecordException e) {
      deadLetters.send(record, "undecodable: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.warnf(e, "span record %s/%d@%d cannot be mapped; sent to %s", record.topic(), record.partition(),
          record.offset(), KafkaTopics.DEAD_LETTER);
      deadLetters.send(record, "unmappable: " + e);
    }
  }

  /** Writes the pending batch until it is stored (or revoked, or the loop stops), then commits its offsets. */
  private void flush() {
    batchRevoked = false;
    long backoffMillis = 250;
    while (true) {
      try {
        deadLetters.flush();
        writer.write(pendingRows);
        break;
      } catch (StorageException | InterruptedException | java.util.concurrent.ExecutionException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LOG.warnf("writing %d spans failed, retrying in %d ms: %s", pendingRows.size(), backoffMillis, e.getMessage());
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
    consumer.commitSync(offsets(pending));
    spansStored.addAndGet(pendingRows.size());
    clearPending();
    consumer.resume(consumer.paused());
  }

  /** Waits while polling the paused consumer, which returns nothing but keeps the group membership alive. */
  private void waitPolling(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (running && !batchRevoked && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L))));
    }
  }

  private void clearPending() {
    pending.clear();
    pendingRows.clear();
  }

  private static Map<TopicPartition, OffsetAndMetadata> offsets(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      offsets.merge(
          new TopicPartition(r.topic(), r.partition()),
          new OffsetAndMetadata(r.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    return offsets;
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
      // Called from inside poll(): either the batch is mid-retry (give it up) or it can be written now, once.
      batchRevoked = true;
      try {
        deadLetters.flush();
        writer.write(pendingRows);
        consumer.commitSync(offsets(pending));
        spansStored.addAndGet(pendingRows.size());
      } catch (Exception e) {
        LOG.warnf("partitions revoked with an unwritten batch of %d spans; it will be read again: %s",
            pendingRows.size(), e.getMessage());
      }
      clearPending();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
  }
}
