package dev.boxscore.storage.alerts;

import java.util.List;

/**
 * Alerting configuration, alert state and history, one project at a time (the project is every
 * method's first argument), except {@link #projectsWith}, which the evaluator uses to find whose
 * rules to run.
 */
public interface AlertStore {
  /** The latest version of each document of the kind, deleted ones included. */
  List<AlertDocument> documents(String projectId, DocumentKind kind);

  void putDocument(String projectId, DocumentKind kind, AlertDocument document);

  /** The projects with at least one live document of the kind. */
  List<String> projectsWith(DocumentKind kind);

  /** The latest state of each alert of the project (deleted ones left out). */
  List<AlertInstanceRow> instances(String projectId);

  /**
   * Writes the states of one evaluation; {@code version} orders writes of the same alert (the
   * evaluation time in microseconds).
   */
  void putInstances(String projectId, List<AlertInstanceRow> rows, long version);

  void appendEvents(String projectId, List<AlertEventRow> events);

  List<AlertEventRow> events(String projectId, EventQuery query);

  List<NotificationLogRow> notificationLog(String projectId);

  void recordNotification(String projectId, NotificationLogRow row);

  List<ChannelHealthRow> channelHealth(String projectId);
}
