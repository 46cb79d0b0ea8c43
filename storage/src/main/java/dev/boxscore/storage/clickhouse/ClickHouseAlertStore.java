package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxscore.storage.StorageException;
import dev.boxscore.storage.alerts.AlertDocument;
import dev.boxscore.storage.alerts.AlertEventRow;
import dev.boxscore.storage.alerts.AlertInstanceRow;
import dev.boxscore.storage.alerts.AlertStore;
import dev.boxscore.storage.alerts.ChannelHealthRow;
import dev.boxscore.storage.alerts.DocumentKind;
import dev.boxscore.storage.alerts.EventQuery;
import dev.boxscore.storage.alerts.NotificationLogRow;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerting documents, states, history and notification log in the {@code alert_*} tables (see
 * migrations 0050–0053). Reads bind every value; batches of states and events are inserted as
 * JSONEachRow, whose values ClickHouse reads as data.
 */
final class ClickHouseAlertStore implements AlertStore {
  private static final DateTimeFormatter DATETIME64 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BoundStatements client;

  ClickHouseAlertStore(Client client) {
    this.client = new BoundStatements(client);
  }

  @Override
  public List<AlertDocument> documents(String projectId, DocumentKind kind) {
    List<AlertDocument> out = new ArrayList<>();
    try {
      for (GenericRecord r :
          client.queryAll(
              AlertQueries.CONFIG, Map.of("project", projectId, "kind", kind.column()))) {
        out.add(
            new AlertDocument(
                r.getString("id"),
                r.getString("body"),
                r.getBoolean("deleted"),
                r.getBigInteger("version").longValue()));
      }
    } catch (RuntimeException e) {
      throw new StorageException("reading alerting " + kind.column() + "s failed", e);
    }
    return out;
  }

  @Override
  public void putDocument(String projectId, DocumentKind kind, AlertDocument d) {
    Map<String, Object> params = new HashMap<>();
    params.put("project", projectId);
    params.put("kind", kind.column());
    params.put("id", d.id());
    params.put("body", d.body());
    params.put("deleted", d.deleted());
    params.put("version", d.version());
    try {
      client.execute(AlertQueries.INSERT_CONFIG, params);
    } catch (Exception e) {
      throw new StorageException(
          "writing an alerting " + kind.column() + " failed", ClickHouseStorage.unwrap(e));
    }
  }

  @Override
  public List<String> projectsWith(DocumentKind kind) {
    try {
      return client.queryAll(AlertQueries.CONFIG_PROJECTS, Map.of("kind", kind.column())).stream()
          .map(r -> r.getString("project_id"))
          .toList();
    } catch (RuntimeException e) {
      throw new StorageException("listing projects with alerting " + kind.column() + "s failed", e);
    }
  }

  @Override
  public List<AlertInstanceRow> instances(String projectId) {
    List<AlertInstanceRow> out = new ArrayList<>();
    try {
      for (GenericRecord r :
          client.queryAll(AlertQueries.INSTANCES, Map.of("project", projectId))) {
        out.add(
            new AlertInstanceRow(
                r.getString("rule_id"),
                r.getString("group_key"),
                r.getString("group_json"),
                r.getString("state"),
                instant(r, "since"),
                instant(r, "active_at"),
                instant(r, "fired_at"),
                instant(r, "resolved_at"),
                instant(r, "last_true_at"),
                instant(r, "evaluated_at"),
                r.hasValue("value") ? r.getDouble("value") : null,
                r.getString("values_json"),
                r.getString("error"),
                false));
      }
    } catch (RuntimeException e) {
      throw new StorageException("reading alert states failed", e);
    }
    return out;
  }

  @Override
  public void putInstances(String projectId, List<AlertInstanceRow> rows, long version) {
    if (rows.isEmpty()) {
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (AlertInstanceRow r : rows) {
      ObjectNode o = JSON.createObjectNode();
      o.put("project_id", projectId);
      o.put("rule_id", r.ruleId());
      o.put("group_key", r.groupKey());
      o.put("group_json", r.groupJson());
      o.put("state", r.state());
      o.put("since", time(r.since()));
      o.put("active_at", time(r.activeAt()));
      o.put("fired_at", time(r.firedAt()));
      o.put("resolved_at", time(r.resolvedAt()));
      o.put("last_true_at", time(r.lastTrueAt()));
      o.put("evaluated_at", time(r.evaluatedAt()));
      if (r.value() == null || !Double.isFinite(r.value())) {
        o.putNull("value");
      } else {
        o.put("value", r.value());
      }
      o.put("values_json", r.valuesJson());
      o.put("error", r.error() == null ? "" : r.error());
      o.put("deleted", r.deleted());
      o.put("version", version);
      line(body, o);
    }
    insert("alert_instances", body, "alert states");
  }

  @Override
  public void appendEvents(String projectId, List<AlertEventRow> events) {
    if (events.isEmpty()) {
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (AlertEventRow e : events) {
      ObjectNode o = JSON.createObjectNode();
      o.put("project_id", projectId);
      o.put("at", time(e.at()));
      o.put("event_id", e.eventId());
      o.put("type", e.type());
      o.put("rule_id", text(e.ruleId()));
      o.put("rule_name", text(e.ruleName()));
      o.put("group_json", e.groupJson() == null ? "{}" : e.groupJson());
      o.put("from_state", text(e.fromState()));
      o.put("to_state", text(e.toState()));
      if (e.value() == null || !Double.isFinite(e.value())) {
        o.putNull("value");
      } else {
        o.put("value", e.value());
      }
      o.put("values_json", e.valuesJson() == null ? "{}" : e.valuesJson());
      o.put("channel_id", text(e.channelId()));
      o.put("channel_name", text(e.channelName()));
      o.put("notification", text(e.notification()));
      o.put("attempt", e.attempt());
      o.put("final", e.isFinal());
      o.put("status", text(e.status()));
      if (e.httpStatus() == null) {
        o.putNull("http_status");
      } else {
        o.put("http_status", e.httpStatus());
      }
      o.put("error", text(e.error()));
      line(body, o);
    }
    insert("alert_events", body, "alert history");
  }

  @Override
  public List<AlertEventRow> events(String projectId, EventQuery q) {
    Map<String, Object> params = new HashMap<>();
    params.put("project", projectId);
    params.put("from", time(q.from()));
    params.put("to", time(q.to()));
    params.put("rule", text(q.ruleId()));
    // Without a cursor, one past the newest possible event: every event is "before" it.
    params.put("cursor_at", time(q.cursorAt() == null ? q.to() : q.cursorAt()));
    params.put("cursor_id", q.cursorAt() == null ? "\uffff" : text(q.cursorId()));
    params.put("limit", q.limit());
    List<AlertEventRow> out = new ArrayList<>();
    try {
      for (GenericRecord r : client.queryAll(AlertQueries.EVENTS, params)) {
        out.add(
            new AlertEventRow(
                instant(r, "at"),
                r.getString("event_id"),
                r.getString("type"),
                r.getString("rule_id"),
                r.getString("rule_name"),
                r.getString("group_json"),
                r.getString("from_state"),
                r.getString("to_state"),
                r.hasValue("value") ? r.getDouble("value") : null,
                r.getString("values_json"),
                r.getString("channel_id"),
                r.getString("channel_name"),
                r.getString("notification"),
                r.getInteger("attempt"),
                r.getBoolean("final"),
                r.getString("status"),
                r.hasValue("http_status") ? r.getInteger("http_status") : null,
                r.getString("error")));
      }
    } catch (RuntimeException e) {
      throw new StorageException("reading alert history failed", e);
    }
    return out;
  }

  @Override
  public List<NotificationLogRow> notificationLog(String projectId) {
    List<NotificationLogRow> out = new ArrayList<>();
    try {
      for (GenericRecord r :
          client.queryAll(AlertQueries.NOTIFICATION_LOG, Map.of("project", projectId))) {
        out.add(
            new NotificationLogRow(
                r.getString("channel_id"),
                r.getString("group_key"),
                strings(r.getList("firing")),
                strings(r.getList("resolved")),
                instant(r, "sent_at")));
      }
    } catch (RuntimeException e) {
      throw new StorageException("reading the notification log failed", e);
    }
    return out;
  }

  @Override
  public void recordNotification(String projectId, NotificationLogRow row) {
    ObjectNode o = JSON.createObjectNode();
    o.put("project_id", projectId);
    o.put("channel_id", row.channelId());
    o.put("group_key", row.groupKey());
    var firing = o.putArray("firing");
    row.firing().forEach(firing::add);
    var resolved = o.putArray("resolved");
    row.resolved().forEach(resolved::add);
    o.put("sent_at", time(row.sentAt()));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    line(body, o);
    insert("alert_notification_log", body, "the notification log");
  }

  @Override
  public List<ChannelHealthRow> channelHealth(String projectId) {
    List<ChannelHealthRow> out = new ArrayList<>();
    try {
      for (GenericRecord r :
          client.queryAll(AlertQueries.CHANNEL_HEALTH, Map.of("project", projectId))) {
        List<String> statuses = new ArrayList<>();
        for (Object tuple : r.getList("last_notifications")) {
          statuses.add(String.valueOf(statusOf(tuple)));
        }
        String error = r.getString("last_error");
        out.add(
            new ChannelHealthRow(
                r.getString("channel_id"),
                statuses,
                instant(r, "last_attempt_at"),
                error == null || error.isEmpty() ? null : error));
      }
    } catch (RuntimeException e) {
      throw new StorageException("reading channel health failed", e);
    }
    return out;
  }

  /** The status element of an (at, status) tuple as the client returns it. */
  private static Object statusOf(Object tuple) {
    if (tuple instanceof List<?> l) {
      return l.get(1);
    }
    if (tuple instanceof Object[] a) {
      return a[1];
    }
    throw new IllegalStateException("unexpected tuple " + tuple.getClass());
  }

  private void insert(String table, ByteArrayOutputStream body, String what) {
    try {
      client.insertJsonRows(table, body.toByteArray());
    } catch (Exception e) {
      throw new StorageException("writing " + what + " failed", ClickHouseStorage.unwrap(e));
    }
  }

  private static void line(ByteArrayOutputStream out, ObjectNode o) {
    try {
      out.write(JSON.writeValueAsBytes(o));
      out.write('\n');
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> strings(List<?> values) {
    return values.stream().map(String::valueOf).toList();
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static String time(Instant t) {
    return t == null ? null : DATETIME64.format(t);
  }

  private static Instant instant(GenericRecord r, String column) {
    if (!r.hasValue(column)) {
      return null;
    }
    ZonedDateTime t = r.getZonedDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
