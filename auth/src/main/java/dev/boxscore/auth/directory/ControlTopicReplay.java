package dev.boxscore.auth.directory;

import dev.boxscore.auth.kafka.KafkaCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the control topic from its start, on a thread of its own, and hands each record to a sink;
 * tells how far it has read, so a writer can wait until this process has applied its own record.
 * Creates the topic (one partition, compacted, kept forever) when it is missing.
 */
final class ControlTopicReplay implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ControlTopicReplay.class);
  private static final TopicPartition PARTITION = new TopicPartition(KeyDirectory.TOPIC, 0);

  private final String bootstrap;
  private final short replicationFactor;
  private final KafkaCredentials credentials;
  private final Duration timeout;
  private final BiConsumer<String, byte[]> sink;
  private final Object progress = new Object();
  private long consumed;
  private KafkaConsumer<byte[], byte[]> consumer;
  private Thread thread;
  private volatile boolean running = true;

  ControlTopicReplay(
      String bootstrap,
      short replicationFactor,
      KafkaCredentials credentials,
      Duration timeout,
      BiConsumer<String, byte[]> sink) {
    this.credentials = credentials;
    this.bootstrap = bootstrap;
    this.replicationFactor = replicationFactor;
    this.timeout = timeout;
    this.sink = sink;
  }

  /** Creates the topic if missing and reads it to its end before returning. */
  synchronized void start() {
    ensureTopic();
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    credentials.applyTo(c);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.assign(List.of(PARTITION));
    consumer.seekToBeginning(List.of(PARTITION));
    long end = consumer.endOffsets(List.of(PARTITION), timeout).get(PARTITION);
    thread = new Thread(this::consume, "boxscore-key-directory");
    thread.setDaemon(true);
    thread.start();
    awaitConsumed(end);
  }

  private void ensureTopic() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    credentials.applyTo(props);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(props)) {
      if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(KeyDirectory.TOPIC)) {
        return;
      }
      admin
          .createTopics(
              List.of(
                  new NewTopic(KeyDirectory.TOPIC, 1, replicationFactor)
                      .configs(
                          Map.of(
                              TopicConfig.CLEANUP_POLICY_CONFIG,
                              TopicConfig.CLEANUP_POLICY_COMPACT,
                              TopicConfig.RETENTION_MS_CONFIG,
                              "-1"))))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "cannot create the control topic " + KeyDirectory.TOPIC, e.getCause());
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the control topic " + KeyDirectory.TOPIC, e);
    }
  }

  private void consume() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          try {
            sink.accept(new String(r.key(), StandardCharsets.UTF_8), r.value());
          } catch (RuntimeException e) {
            LOG.warnf(
                "skipping unreadable control record at offset %d: %s", r.offset(), e.getMessage());
          }
        }
        long position = consumer.position(PARTITION);
        synchronized (progress) {
          consumed = position;
          progress.notifyAll();
        }
      }
    } catch (WakeupException e) {
      // close()
    } catch (RuntimeException e) {
      LOG.error("key directory stopped reading the control topic", e);
    } finally {
      consumer.close();
    }
  }

  /**
   * Waits until every record before {@code offset} is applied; IllegalStateException when that
   * takes too long.
   */
  void awaitConsumed(long offset) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (consumed < offset) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "the control topic was not read up to offset " + offset + " in time");
        }
        try {
          progress.wait(Math.max(1, left / 1_000_000L));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    if (consumer != null) {
      consumer.wakeup();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
