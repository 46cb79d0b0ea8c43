package dev.boxscore.server.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The control topic (projects and API keys, read by every role): its layout when a process creates
 * it. Its own setting, not the collector's spans topic's: a query-only or ingest-only node creates
 * it too, and a cluster may keep this small, precious topic on more replicas than the spans.
 */
@ConfigMapping(prefix = "boxscore.control")
public interface ControlTopicConfig {
  /**
   * Replication factor of the control topic when it is created
   * (BOXSCORE_CONTROL_REPLICATION_FACTOR).
   */
  @WithDefault("1")
  short replicationFactor();
}
