package dev.boxscore.query.scope;

import dev.boxscore.storage.alerts.AlertDocument;
import dev.boxscore.storage.alerts.AlertEventRow;
import dev.boxscore.storage.alerts.AlertInstanceRow;
import dev.boxscore.storage.alerts.AlertStore;
import dev.boxscore.storage.alerts.ChannelHealthRow;
import dev.boxscore.storage.alerts.DocumentKind;
import dev.boxscore.storage.alerts.EventQuery;
import java.util.List;

/** The alerting data of one project: the store with the project fixed when this view is made. */
public final class ProjectAlerts {
  private final AlertStore store;
  private final String projectId;

  ProjectAlerts(AlertStore store, String projectId) {
    this.store = store;
    this.projectId = projectId;
  }

  public String projectId() {
    return projectId;
  }

  public List<AlertDocument> documents(DocumentKind kind) {
    return store.documents(projectId, kind);
  }

  public void putDocument(DocumentKind kind, AlertDocument document) {
    store.putDocument(projectId, kind, document);
  }

  public List<AlertInstanceRow> instances() {
    return store.instances(projectId);
  }

  public List<AlertEventRow> events(EventQuery query) {
    return store.events(projectId, query);
  }

  public List<ChannelHealthRow> channelHealth() {
    return store.channelHealth(projectId);
  }
}
