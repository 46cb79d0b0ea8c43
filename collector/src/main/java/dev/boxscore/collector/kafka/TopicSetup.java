package dev.boxscore.collector.kafka;

import dev.boxscore.auth.kafka.KafkaCredentials;
import dev.boxscore.collector.config.CollectorConfig;
import dev.boxscore.wire.KafkaTopics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.jboss.logging.Logger;

/**
 * Creates the spans and dead-letter topics when they are missing; existing topics are left as they
 * are.
 */
public final class TopicSetup {
  private static final Logger LOG = Logger.getLogger(TopicSetup.class);

  private TopicSetup() {}

  public static void ensureTopics(CollectorConfig config, KafkaCredentials kafka) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrap());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    kafka.applyTo(props);
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      Map<String, String> topicConfig =
          Map.of(
              TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
              Integer.toString(config.maxRequestBytes() + 64 * 1024));
      List<NewTopic> missing =
          List.of(KafkaTopics.SPANS, KafkaTopics.DEAD_LETTER).stream()
              .filter(topic -> !existing.contains(topic))
              .map(
                  topic ->
                      new NewTopic(
                              topic,
                              config.kafka().partitions(),
                              config.kafka().replicationFactor())
                          .configs(topicConfig))
              .toList();
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
          LOG.infof("created Kafka topics %s", missing.stream().map(NewTopic::name).toList());
        } catch (java.util.concurrent.ExecutionException e) {
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
            throw e;
          }
        }
      }
    }
  }
}
