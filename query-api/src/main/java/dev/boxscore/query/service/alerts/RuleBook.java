package dev.boxscore.query.service.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.alerting.rule.AlertRule;
import dev.boxscore.alerting.rule.FileRule;
import dev.boxscore.alerting.rule.RuleJson;
import dev.boxscore.alerting.rule.RulesFile;
import dev.boxscore.query.config.QueryConfig;
import dev.boxscore.storage.alerts.AlertDocument;
import dev.boxscore.storage.alerts.AlertStore;
import dev.boxscore.storage.alerts.DocumentKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Every rule of a project: those written through the API (stored) and those of the rules file
 * (loaded once at start-up, read-only). A stored rule that no longer parses (written by a newer
 * version, say) is skipped with a warning rather than stopping every other rule.
 */
@ApplicationScoped
public class RuleBook {
  private static final Logger LOG = Logger.getLogger(RuleBook.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<FileRule> fileRules;

  RuleBook(QueryConfig config) {
    this.fileRules = config.alerts().rulesFile().map(RulesFile::load).orElse(List.of());
    if (!fileRules.isEmpty()) {
      LOG.infof(
          "loaded %d alerting rules from %s", fileRules.size(), config.alerts().rulesFile().get());
    }
  }

  /** The projects with rules in the file. */
  Set<String> fileProjects() {
    Set<String> out = new TreeSet<>();
    fileRules.forEach(r -> out.add(r.projectId()));
    return out;
  }

  /** The project's rules: the file's first, then the stored ones, each by id. */
  public List<AlertRule> rules(String projectId, List<AlertDocument> stored) {
    List<AlertRule> out = new ArrayList<>();
    for (FileRule r : fileRules) {
      if (r.projectId().equals(projectId)) {
        out.add(r.rule());
      }
    }
    for (AlertDocument d : stored) {
      if (d.deleted()) {
        continue;
      }
      try {
        out.add(parse(d));
      } catch (RuntimeException | IOException e) {
        LOG.warnf(
            "skipping stored alerting rule %s of project %s: %s",
            d.id(), projectId, e.getMessage());
      }
    }
    return out;
  }

  /**
   * The evaluator's view: read at most every {@link #EVALUATOR_CACHE} per project (it ticks every
   * second; a rule changed through another query process applies within that time, one changed
   * through this process at once, see {@link #changed}).
   */
  List<AlertRule> rules(String projectId, AlertStore store) {
    long now = System.nanoTime();
    Cached c = cache.get(projectId);
    if (c != null && now - c.readNanos() < EVALUATOR_CACHE.toNanos()) {
      return c.rules();
    }
    List<AlertRule> read = rules(projectId, store.documents(projectId, DocumentKind.RULE));
    cache.put(projectId, new Cached(read, now));
    return read;
  }

  /** The projects whose rules the evaluator runs, read at most every {@link #EVALUATOR_CACHE}. */
  Set<String> projects(AlertStore store) {
    long now = System.nanoTime();
    Cached c = cache.get(ALL_PROJECTS);
    Set<String> projects;
    if (c != null && now - c.readNanos() < EVALUATOR_CACHE.toNanos()) {
      projects = projectsRead;
    } else {
      projects = new TreeSet<>(store.projectsWith(DocumentKind.RULE));
      projectsRead = projects;
      cache.put(ALL_PROJECTS, new Cached(List.of(), now));
    }
    Set<String> out = new TreeSet<>(projects);
    out.addAll(fileProjects());
    return out;
  }

  /** A rule of the project was written through this process: the evaluator reads it next tick. */
  void changed(String projectId) {
    cache.remove(projectId);
    cache.remove(ALL_PROJECTS);
  }

  static final java.time.Duration EVALUATOR_CACHE = java.time.Duration.ofSeconds(5);
  private static final String ALL_PROJECTS = "\u0000all";

  private record Cached(List<AlertRule> rules, long readNanos) {}

  private final java.util.concurrent.ConcurrentHashMap<String, Cached> cache =
      new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Set<String> projectsRead = Set.of();

  /** A stored rule: its body is what {@link RuleJson#write} made, version included. */
  static AlertRule parse(AlertDocument d) throws IOException {
    com.fasterxml.jackson.databind.JsonNode body = JSON.readTree(d.body());
    return RuleJson.read(body).withId(d.id(), AlertRule.SOURCE_API, body.path("version").asLong(1));
  }
}
