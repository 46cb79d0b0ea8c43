package dev.boxscore.auth.directory;

import dev.boxscore.auth.ApiKeyInfo;
import dev.boxscore.auth.ApiKeys;
import dev.boxscore.auth.CreatedKey;
import dev.boxscore.auth.KeyDigests;
import dev.boxscore.auth.Principal;
import dev.boxscore.auth.Project;
import dev.boxscore.auth.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * Projects and API keys, kept on a compacted Kafka topic (the way Schema Registry keeps its schemas) and read whole
 * into memory by every process, whatever its roles.
 *
 * <p>Why Kafka and not a ClickHouse table: the collector must never touch storage (data flows one way), yet it must
 * check every request's key without a round trip. Every role already reaches Kafka, so the admin API publishes each
 * change to the control topic and collectors, ingest and query nodes apply it within milliseconds; a collector keeps
 * authenticating from its last-known state while Kafka is down (it answers 503 then anyway). Only SHA-256 digests of
 * keys are published. The admin's own writes are read back before it answers, so a revoked key is refused by this
 * process as soon as the revoke returns.
 */
public final class KeyDirectory implements ApiKeys, AutoCloseable {
  /** The control topic: one partition, compacted, kept forever. */
  public static final String TOPIC = "boxscore.control.v1";

  private static final Logger LOG = Logger.getLogger(KeyDirectory.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final Duration USE_DEBOUNCE = Duration.ofSeconds(30);
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

  private final String bootstrap;
  private final short replicationFactor;
  private final Map<String, Project> projects = new ConcurrentHashMap<>();
  private final Map<String, ApiKeyInfo> keys = new ConcurrentHashMap<>();
  private final Map<String, String> keyIdByDigest = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
  private final Map<String, Instant> usePublished = new ConcurrentHashMap<>();
  /**
   * Publishes last-used times off the caller's thread: used() runs on request event loops, and a send blocks for up
   * to max.block.ms while the broker is away. Bounded; when full, a use is dropped (the next one is published).
   */
  private final ThreadPoolExecutor usePublisher =
      new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1024), r -> {
        Thread t = new Thread(r, "boxscore-key-use-publisher");
        t.setDaemon(true);
        return t;
      }, new ThreadPoolExecutor.DiscardPolicy());
  private final Object progress = new Object();
  private long consumed;
  private KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> producer;
  private Thread thread;
  private volatile boolean running = true;

  public KeyDirectory(String bootstrap, short replicationFactor) {
    this.bootstrap = bootstrap;
    this.replicationFactor = replicationFactor;
  }

  /** Creates the topic if missing and reads it to its end before returning. */
  public synchronized KeyDirectory start() {
    ensureTopic();
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.assign(List.of(PARTITION));
    consumer.seekToBeginning(List.of(PARTITION));
    long end = consumer.endOffsets(List.of(PARTITION), TIMEOUT).get(PARTITION);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT.toMillis());
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    thread = new Thread(this::consume, "boxscore-key-directory");
    thread.setDaemon(true);
    thread.start();
    awaitConsumed(end);
    LOG.infof("key directory: %d project(s), %d key(s)", projects.size(), keys.size());
    return this;
  }

  private void ensureTopic() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(props)) {
      if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
        return;
      }
      admin
          .createTopics(
              List.of(
                  new NewTopic(TOPIC, 1, replicationFactor)
                      .configs(
                          Map.of(
                              TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                              TopicConfig.RETENTION_MS_CONFIG, "-1"))))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create the control topic " + TOPIC, e.getCause());
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the control topic " + TOPIC, e);
    }
  }

  private void consume() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          try {
            apply(new String(r.key(), StandardCharsets.UTF_8), r.value());
          } catch (RuntimeException e) {
            LOG.warnf("skipping unreadable control record at offset %d: %s", r.offset(), e.getMessage());
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

  private void apply(String key, byte[] value) {
    if (value == null) {
      return;
    }
    if (key.startsWith(ControlRecords.PROJECT)) {
      Project p = ControlRecords.project(value);
      projects.put(p.id(), p);
    } else if (key.startsWith(ControlRecords.KEY)) {
      ApiKeyInfo k = ControlRecords.key(value);
      keys.put(k.keyId(), k);
      keyIdByDigest.put(k.digest(), k.keyId());
    } else if (key.startsWith(ControlRecords.USED)) {
      lastUsed.merge(key.substring(ControlRecords.USED.length()), ControlRecords.used(value),
          (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  private void awaitConsumed(long offset) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    synchronized (progress) {
      while (consumed < offset) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("the control topic was not read up to offset " + offset + " in time");
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

  /** Publishes a record and waits until this process has applied it. */
  private void publish(String key, byte[] value) {
    try {
      RecordMetadata m =
          producer
              .send(new ProducerRecord<>(TOPIC, 0, key.getBytes(StandardCharsets.UTF_8), value))
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      awaitConsumed(m.offset() + 1);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new DirectoryUnavailableException("the control topic did not take the change: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DirectoryUnavailableException("interrupted", e);
    } catch (IllegalStateException e) {
      throw new DirectoryUnavailableException(e.getMessage(), e);
    }
  }

  @Override
  public Optional<Principal> authenticate(String key) {
    if (key == null) {
      return Optional.empty();
    }
    String keyId = keyIdByDigest.get(KeyDigests.digest(key));
    if (keyId == null) {
      return Optional.empty();
    }
    ApiKeyInfo info = keys.get(keyId);
    if (info == null || info.revoked() || !projects.containsKey(info.projectId())) {
      return Optional.empty();
    }
    return Optional.of(info.principal());
  }

  /** Records that a key was used; published at most every 30 s per key, without waiting. */
  @Override
  public void used(Principal principal) {
    if (principal.keyId() == null || producer == null) {
      return;
    }
    Instant now = Instant.now();
    lastUsed.merge(principal.keyId(), now, (a, b) -> a.isAfter(b) ? a : b);
    Instant published = usePublished.get(principal.keyId());
    if (published != null && published.plus(USE_DEBOUNCE).isAfter(now)) {
      return;
    }
    usePublished.put(principal.keyId(), now);
    String keyId = principal.keyId();
    usePublisher.execute(() -> {
      try {
        producer.send(
            new ProducerRecord<>(
                TOPIC, 0, (ControlRecords.USED + keyId).getBytes(StandardCharsets.UTF_8), ControlRecords.used(now)));
      } catch (RuntimeException e) {
        LOG.debugf("last-used time of %s not published: %s", keyId, e.getMessage());
      }
    });
  }

  public Optional<Project> project(String id) {
    return Optional.ofNullable(projects.get(id));
  }

  public List<Project> projects() {
    return projects.values().stream().sorted(Comparator.comparing(Project::createdAt)).toList();
  }

  /** Retention of a project's spans; the default for projects not (yet) known here. */
  public int retentionDays(String projectId) {
    Project p = projects.get(projectId);
    return p == null ? Project.DEFAULT_RETENTION_DAYS : p.retentionDays();
  }

  /** Keys of a project, revoked ones included, oldest first. */
  public List<ApiKeyInfo> keys(String projectId) {
    return keys.values().stream()
        .filter(k -> k.projectId().equals(projectId))
        .sorted(Comparator.comparing(ApiKeyInfo::createdAt))
        .toList();
  }

  public Optional<Instant> lastUsed(String keyId) {
    return Optional.ofNullable(lastUsed.get(keyId));
  }

  public Project createProject(String name, int retentionDays) {
    return saveProject(new Project(KeyDigests.newId("prj_"), name, retentionDays, Instant.now()));
  }

  /** Creates the project with this id unless it exists (the one-machine mode's bootstrap project). */
  public Project ensureProject(String id, String name) {
    Project existing = projects.get(id);
    return existing != null
        ? existing
        : saveProject(new Project(id, name, Project.DEFAULT_RETENTION_DAYS, Instant.now()));
  }

  public Project saveProject(Project project) {
    publish(ControlRecords.PROJECT + project.id(), ControlRecords.project(project));
    return project;
  }

  public CreatedKey createKey(String projectId, String name, Set<Scope> scopes, Integer requestsPerSecond) {
    String key = KeyDigests.newKey();
    ApiKeyInfo info =
        new ApiKeyInfo(
            KeyDigests.newId("key_"), projectId, name, scopes, KeyDigests.digest(key), key.substring(0, 10),
            requestsPerSecond, Instant.now(), null);
    publish(ControlRecords.KEY + info.keyId(), ControlRecords.key(info));
    return new CreatedKey(key, info);
  }

  /** Revokes a key of the project; empty when the project has no such key. Idempotent. */
  public Optional<ApiKeyInfo> revokeKey(String projectId, String keyId) {
    ApiKeyInfo info = keys.get(keyId);
    if (info == null || !info.projectId().equals(projectId)) {
      return Optional.empty();
    }
    if (info.revoked()) {
      return Optional.of(info);
    }
    ApiKeyInfo revoked =
        new ApiKeyInfo(info.keyId(), info.projectId(), info.name(), info.scopes(), info.digest(), info.prefix(),
            info.requestsPerSecond(), info.createdAt(), Instant.now());
    publish(ControlRecords.KEY + keyId, ControlRecords.key(revoked));
    return Optional.of(revoked);
  }

  @Override
  public Optional<Integer> requestsPerSecond(Principal principal) {
    return key(principal.keyId()).map(ApiKeyInfo::requestsPerSecond);
  }

  /** The key record behind a principal. */
  public Optional<ApiKeyInfo> key(String keyId) {
    return keyId == null ? Optional.empty() : Optional.ofNullable(keys.get(keyId));
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
    usePublisher.shutdown();
    try {
      usePublisher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
