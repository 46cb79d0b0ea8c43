package dev.boxscore.server;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The test infrastructure of {@link EmbeddedInfrastructure} (the same embedded ClickHouse engine
 * and settings) with two differences: the application's Kafka (collector producer, ingest consumer,
 * key directory) is a broker in a child process ({@link BrokerChild}), which the test may kill and
 * start again, and the collector's publish timeout is the application's default. The child is
 * killed when the application under test stops, and by a shutdown hook should the test JVM end
 * first.
 */
public class ChildBrokerResource implements QuarkusTestResourceLifecycleManager {
  private static BrokerChild broker;

  /** The broker the application under test uses. */
  static synchronized BrokerChild broker() {
    if (broker == null) {
      throw new IllegalStateException(
          "ChildBrokerResource has not been started: use ChildBrokerProfile");
    }
    return broker;
  }

  @Override
  public Map<String, String> start() {
    BrokerChild child;
    synchronized (ChildBrokerResource.class) {
      if (broker == null) {
        broker =
            BrokerChild.on(
                Path.of("target", "broker-child-" + ProcessHandle.current().pid(), "kafka")
                    .toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(broker::kill, "broker-child-kill"));
      }
      child = broker;
    }
    child.start();
    Map<String, String> config = new HashMap<>(new EmbeddedInfrastructure().start());
    config.put("boxscore.kafka.bootstrap", child.bootstrapServers());
    config.put("boxscore.kafka.sasl.username", "boxscore");
    config.put("boxscore.kafka.sasl.password", child.password());
    // The application's default (10 s), not the shared tests' 4 s: longer than a killed broker
    // usually takes to come
    // back (7-10 s here), so a brief crash is ridden out by the producer's retries rather than
    // refused.
    config.remove("boxscore.collector.publish-timeout");
    // The producer's recovery after a crash (a new epoch once a batch expired) in the test log.
    config.put(
        "quarkus.log.category.\"org.apache.kafka.clients.producer.internals.TransactionManager\".level",
        "INFO");
    return config;
  }

  @Override
  public void stop() {
    BrokerChild child;
    synchronized (ChildBrokerResource.class) {
      child = broker;
    }
    if (child != null) {
      child.kill();
    }
  }
}
