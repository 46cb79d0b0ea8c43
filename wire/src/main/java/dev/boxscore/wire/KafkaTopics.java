package dev.boxscore.wire;

/** Names of the Kafka topics that carry spans from the collector to ingest. */
public final class KafkaTopics {
  /** Accepted spans: one record per trace per OTLP request, keyed by the hex trace id. */
  public static final String SPANS = "boxscore.spans.v1";

  /** Records ingest could not decode or store, with the reason in a header. */
  public static final String DEAD_LETTER = "boxscore.spans.dlq.v1";

  private KafkaTopics() {}
}
