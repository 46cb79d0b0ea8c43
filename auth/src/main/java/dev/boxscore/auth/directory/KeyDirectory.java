package dev.boxscore.auth.directory;

import dev.boxscore.auth.ApiKeyInfo;
import dev.boxscore.auth.ApiKeys;
import dev.boxscore.auth.CreatedKey;
import dev.boxscore.auth.KeyDigests;
import dev.boxscore.auth.Principal;
import dev.boxscore.auth.Project;
import dev.boxscore.auth.Scope;
import dev.boxscore.auth.kafka.KafkaCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * Projects and API keys, kept on a compacted Kafka topic (the way Schema Registry keeps its
 * schemas) and read whole into memory by every process, whatever its roles.
 *
 * <p>Why Kafka and not a ClickHouse table: the collector must never touch storage (data flows one
 * way), yet it must check every request's key without a round trip. Every role already reaches
 * Kafka, so the admin API publishes each change to the control topic and collectors, ingest and
 * query nodes apply it within milliseconds; a collector keeps authenticating from its last-known
 * state while Kafka is down (it answers 503 then anyway). Only SHA-256 digests of keys are
 * published. The admin's own writes are read back before it answers, so a revoked key is refused by
 * this process as soon as the revoke returns.
 *
 * <p>The façade its callers use over three pieces: {@link ControlTopicReplay} reads the topic into
 * the {@link DirectoryStore}, which answers every read, and {@link LastUsedPublisher} publishes
 * keys' last-used times.
 */
public final class KeyDirectory implements ApiKeys, AutoCloseable {
  /** The control topic: one partition, compacted, kept forever. */
  public static final String TOPIC = "boxscore.control.v1";

  private static final Logger LOG = Logger.getLogger(KeyDirectory.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final String bootstrap;
  private final short replicationFactor;
  private final KafkaCredentials credentials;
  private final DirectoryStore store = new DirectoryStore();
  private ControlTopicReplay replay;
  private KafkaProducer<byte[], byte[]> producer;
  private LastUsedPublisher usePublisher;

  public KeyDirectory(String bootstrap, short replicationFactor) {
    this(bootstrap, replicationFactor, KafkaCredentials.NONE);
  }

  /**
   * @param credentials how its clients authenticate to the brokers (the control topic holds key
   *     digests)
   */
  public KeyDirectory(String bootstrap, short replicationFactor, KafkaCredentials credentials) {
    this.credentials = credentials;
    this.bootstrap = bootstrap;
    this.replicationFactor = replicationFactor;
  }

  /** Creates the topic if missing and reads it to its end before returning. */
  public synchronized KeyDirectory start() {
    replay =
        new ControlTopicReplay(bootstrap, replicationFactor, credentials, TIMEOUT, store::apply);
    replay.start();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    credentials.applyTo(p);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT.toMillis());
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    usePublisher = new LastUsedPublisher(this::sendRecord);
    LOG.infof("key directory: %d project(s), %d key(s)", store.projectCount(), store.keyCount());
    return this;
  }

  /** Sends a record without waiting for it. */
  private void sendRecord(String key, byte[] value) {
    producer.send(new ProducerRecord<>(TOPIC, 0, key.getBytes(StandardCharsets.UTF_8), value));
  }

  /** Publishes a record and waits until this process has applied it. */
  private void publish(String key, byte[] value) {
    try {
      RecordMetadata m =
          producer
              .send(new ProducerRecord<>(TOPIC, 0, key.getBytes(StandardCharsets.UTF_8), value))
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      replay.awaitConsumed(m.offset() + 1);
    } catch (ExecutionException | TimeoutException e) {
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
    return store.authenticate(key);
  }

  /** Records that a key was used; published at most every 30 s per key, without waiting. */
  @Override
  public void used(Principal principal) {
    if (principal.keyId() == null || usePublisher == null) {
      return;
    }
    Instant now = Instant.now();
    store.used(principal.keyId(), now);
    usePublisher.used(principal.keyId(), now);
  }

  public Optional<Project> project(String id) {
    return store.project(id);
  }

  public List<Project> projects() {
    return store.projects();
  }

  /** Retention of a project's spans; the default for projects not (yet) known here. */
  public int retentionDays(String projectId) {
    return store.retentionDays(projectId);
  }

  /** Keys of a project, revoked ones included, oldest first. */
  public List<ApiKeyInfo> keys(String projectId) {
    return store.keys(projectId);
  }

  public Optional<Instant> lastUsed(String keyId) {
    return store.lastUsed(keyId);
  }

  public Project createProject(String name, int retentionDays) {
    return saveProject(new Project(KeyDigests.newId("prj_"), name, retentionDays, Instant.now()));
  }

  /**
   * Creates the project with this id unless it exists (the one-machine mode's bootstrap project).
   */
  public Project ensureProject(String id, String name) {
    return store
        .project(id)
        .orElseGet(
            () ->
                saveProject(new Project(id, name, Project.DEFAULT_RETENTION_DAYS, Instant.now())));
  }

  public Project saveProject(Project project) {
    publish(ControlRecords.PROJECT + project.id(), ControlRecords.project(project));
    return project;
  }

  public CreatedKey createKey(
      String projectId, String name, Set<Scope> scopes, Integer requestsPerSecond) {
    String key = KeyDigests.newKey();
    ApiKeyInfo info =
        new ApiKeyInfo(
            KeyDigests.newId("key_"),
            projectId,
            name,
            scopes,
            KeyDigests.digest(key),
            key.substring(0, 10),
            requestsPerSecond,
            Instant.now(),
            null);
    publish(ControlRecords.KEY + info.keyId(), ControlRecords.key(info));
    return new CreatedKey(key, info);
  }

  /** Revokes a key of the project; empty when the project has no such key. Idempotent. */
  public Optional<ApiKeyInfo> revokeKey(String projectId, String keyId) {
    ApiKeyInfo info = store.key(keyId).orElse(null);
    if (info == null || !info.projectId().equals(projectId)) {
      return Optional.empty();
    }
    if (info.revoked()) {
      return Optional.of(info);
    }
    ApiKeyInfo revoked =
        new ApiKeyInfo(
            info.keyId(),
            info.projectId(),
            info.name(),
            info.scopes(),
            info.digest(),
            info.prefix(),
            info.requestsPerSecond(),
            info.createdAt(),
            Instant.now());
    publish(ControlRecords.KEY + keyId, ControlRecords.key(revoked));
    return Optional.of(revoked);
  }

  @Override
  public Optional<Integer> requestsPerSecond(Principal principal) {
    return key(principal.keyId()).map(ApiKeyInfo::requestsPerSecond);
  }

  /** The key record behind a principal. */
  public Optional<ApiKeyInfo> key(String keyId) {
    return store.key(keyId);
  }

  @Override
  public synchronized void close() {
    if (replay != null) {
      replay.close();
    }
    if (usePublisher != null) {
      usePublisher.close();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
