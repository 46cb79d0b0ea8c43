package dev.boxscore.query.service.alerts;

import dev.boxscore.auth.kafka.KafkaCredentials;
import dev.boxscore.query.config.QueryConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Elects the one alert evaluator among the query processes with Kafka's own group membership: every
 * process joins one consumer group on a one-partition topic, and the member the group assigns that
 * partition to evaluates. When it stops (leaves the group) or dies (misses its session timeout),
 * the group assigns the partition to another member, which takes over. Nothing is ever written to
 * or read from the topic; only the assignment matters.
 */
final class EvaluatorLeadership implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EvaluatorLeadership.class);
  static final String GROUP = "boxscore-alert-evaluator";

  private final Map<String, Object> props = new HashMap<>();
  private final String topic;
  private final short replicationFactor;
  private final Runnable onElected;
  private final Runnable onDeposed;
  private final AtomicBoolean leader = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private Thread thread;

  EvaluatorLeadership(
      String bootstrap,
      KafkaCredentials credentials,
      QueryConfig.Alerts config,
      short replicationFactor,
      Runnable onElected,
      Runnable onDeposed) {
    this.topic = config.leaderTopic();
    this.replicationFactor = replicationFactor;
    this.onElected = onElected;
    this.onDeposed = onDeposed;
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.failoverTimeout().toMillis());
    props.put(
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
        (int) Math.max(500, config.failoverTimeout().toMillis() / 5));
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "boxscore-alert-evaluator");
    // A process joining the group must not move the evaluator (and restart its delivery): the
    // cooperative sticky assignor leaves the partition where it is unless its owner leaves.
    props.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName());
    Map<String, String> auth = credentials.applyTo(new HashMap<>());
    props.putAll(auth);
  }

  boolean isLeader() {
    return leader.get();
  }

  EvaluatorLeadership start() {
    ensureTopic();
    consumer = new KafkaConsumer<>(props);
    thread = new Thread(this::loop, "alert-evaluator-election");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  private void ensureTopic() {
    Map<String, Object> admin = new HashMap<>();
    admin.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        props.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    props.forEach(
        (k, v) -> {
          if (k.startsWith("sasl.") || k.startsWith("security.") || k.startsWith("ssl.")) {
            admin.put(k, v);
          }
        });
    try (Admin a = Admin.create(admin)) {
      a.createTopics(List.of(new NewTopic(topic, 1, replicationFactor))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create the evaluator topic " + topic, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void loop() {
    TopicPartition partition = new TopicPartition(topic, 0);
    try {
      consumer.subscribe(
          List.of(topic),
          new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
              if (partitions.contains(partition) && leader.compareAndSet(true, false)) {
                LOG.info("no longer the alert evaluator");
                // On a rebalance the group gives the partition to another member only once this
                // returns: stop here, so the next evaluator starts from what this one stored and
                // sent.
                try {
                  onDeposed.run();
                } catch (RuntimeException e) {
                  LOG.warn("stopping the alert evaluator: " + e.getMessage(), e);
                }
              }
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
              onPartitionsRevoked(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
              if (partitions.contains(partition) && leader.compareAndSet(false, true)) {
                LOG.info("this process is the alert evaluator");
                onElected.run();
              }
            }
          });
      while (running.get()) {
        // Polling keeps the membership alive; the topic has no records.
        consumer.poll(Duration.ofMillis(500));
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("alert evaluator election stopped", e);
    } finally {
      leader.set(false);
      try {
        consumer.close(
            CloseOptions.timeout(Duration.ofSeconds(5))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
      } catch (RuntimeException e) {
        LOG.debug("closing the election consumer", e);
      }
    }
  }

  @Override
  public void close() {
    running.set(false);
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
