package dev.boxscore.storage.clickhouse;

/** The alerting statements, loaded once from {@code clickhouse/queries/alert_*.sql}. */
final class AlertQueries {
  static final String CONFIG = load("alert_config");
  static final String CONFIG_PROJECTS = load("alert_config_projects");
  static final String INSERT_CONFIG = load("insert_alert_config");
  static final String INSTANCES = load("alert_instances");
  static final String EVENTS = load("alert_events");
  static final String CHANNEL_HEALTH = load("alert_channel_health");
  static final String NOTIFICATION_LOG = load("alert_notification_log");

  private AlertQueries() {}

  private static String load(String name) {
    return SqlResources.load("clickhouse/queries/" + name + ".sql");
  }
}
