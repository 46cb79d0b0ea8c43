package dev.boxscore.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the ingest role. */
@ConfigMapping(prefix = "boxscore.ingest")
public interface IngestConfig {
  /** Whether this process runs the ingest role. */
  @WithDefault("true")
  boolean enabled();

  /** Consumer group; every ingest process of one deployment shares it. */
  @WithDefault("boxscore-ingest")
  String groupId();

  /** A batch is written once it holds this many spans... */
  @WithDefault("20000")
  int batchMaxSpans();

  /** ...or once its oldest record waited this long. Each batch is one ClickHouse insert (one part). */
  @WithDefault("500ms")
  Duration batchMaxWait();

  /** Longest wait between retries of a failed insert (backoff doubles from 250 ms up to this). */
  @WithDefault("15s")
  Duration retryBackoffMax();

  Kafka kafka();

  /** The Kafka cluster spans come from. */
  interface Kafka {
    /** Bootstrap servers; the one-machine mode points this at its embedded broker. */
    @WithDefault("127.0.0.1:9092")
    String bootstrap();
  }
}
