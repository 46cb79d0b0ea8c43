package dev.boxscore.alerting.rule;

import static dev.boxscore.alerting.rule.JsonValues.absent;
import static dev.boxscore.alerting.rule.JsonValues.cut;
import static dev.boxscore.alerting.rule.JsonValues.kindOf;
import static dev.boxscore.alerting.rule.JsonValues.quote;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Rules as code: a YAML file of groups of rules, like a Prometheus rule file. Each rule is the
 * API's rule JSON in YAML, read by {@link RuleJson}; file rules are read-only in the API.
 *
 * <pre>
 * groups:
 *   - name: checkout          # optional; organises, and is part of the rules' ids
 *     project: default        # required
 *     interval: 1m            # optional default for the group's rules
 *     rules:
 *       - name: checkout p95 latency
 *         kind: threshold
 *         metric: latency_p95_ms
 *         threshold: 2000
 * </pre>
 */
public final class RulesFile {
  private static final Set<String> TOP_FIELDS = Set.of("groups");
  private static final Set<String> GROUP_FIELDS = Set.of("name", "project", "interval", "rules");
  private static final ObjectMapper YAML = yaml();

  private RulesFile() {}

  private static ObjectMapper yaml() {
    LoaderOptions options = new LoaderOptions();
    // SnakeYAML's default 3 MB would refuse a file of about 10,000 rules.
    options.setCodePointLimit(64 * 1024 * 1024);
    return new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build())
        // YAML's last-one-wins for a repeated key would hide a mistake in the file.
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /**
   * Every rule of the file, in file order, each with source {@code file}, version 1 and an id
   * derived from project, group name and rule name (so it survives restarts and reordering). An
   * empty file has no rules.
   *
   * @throws RulesFileException naming the file and the place in it
   */
  public static List<FileRule> load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RulesFileException(file, "", "cannot be read: " + e, e);
    }
    JsonNode root = parse(file, text);
    if (absent(root)) {
      return List.of();
    }
    if (!root.isObject()) {
      throw new RulesFileException(
          file, "", "must be a mapping with groups, got " + kindOf(root), null);
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TOP_FIELDS.contains(f)) {
        throw new RulesFileException(file, cut(f), "not a rules file field (only groups)", null);
      }
    }
    JsonNode groups = root.get("groups");
    if (empty(groups)) {
      return List.of();
    }
    if (!groups.isArray()) {
      throw new RulesFileException(file, "groups", "must be a list, got " + kindOf(groups), null);
    }
    List<FileRule> out = new ArrayList<>();
    // project -> rule name -> where it was first defined
    Map<String, Map<String, String>> names = new HashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      group(file, "groups[" + g + "]", groups.get(g), names, out);
    }
    return out;
  }

  private static JsonNode parse(Path file, String text) {
    try (JsonParser parser = YAML.createParser(text)) {
      JsonNode root = YAML.readTree(parser);
      if (parser.nextToken() != null) {
        throw new RulesFileException(
            file, where(parser.currentLocation()), "only one YAML document per file", null);
      }
      return root;
    } catch (JsonProcessingException e) {
      // SnakeYAML's own message starts with the context ("while scanning…"); the problem and its
      // place are what a person needs.
      if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
        Mark at = y.getProblemMark();
        String where = "line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1);
        throw new RulesFileException(file, where, y.getProblem(), e);
      }
      String problem = e.getOriginalMessage().strip().lines().findFirst().orElse("invalid YAML");
      throw new RulesFileException(file, where(e.getLocation()), problem, e);
    } catch (IOException e) {
      throw new RulesFileException(file, "", "cannot be read: " + e, e);
    }
  }

  /** {@code groups:} with nothing after it: YAML's null, which Jackson gives as "". */
  private static boolean empty(JsonNode n) {
    return absent(n) || (n.isTextual() && n.textValue().isEmpty());
  }

  private static String where(JsonLocation at) {
    return at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static void group(
      Path file,
      String path,
      JsonNode group,
      Map<String, Map<String, String>> names,
      List<FileRule> out) {
    if (absent(group) || !group.isObject()) {
      throw new RulesFileException(file, path, "must be a mapping, got " + kindOf(group), null);
    }
    for (Iterator<String> it = group.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!GROUP_FIELDS.contains(f)) {
        throw new RulesFileException(
            file, path + "." + cut(f), "not a group field (name, project, interval, rules)", null);
      }
    }
    String groupName = "";
    String project;
    Duration interval = null;
    JsonNode v;
    try {
      if (!absent(v = group.get("name"))) {
        groupName = JsonValues.text("name", v, RuleJson.MAX_NAME);
      }
      if (absent(v = group.get("project"))) {
        throw new InvalidRuleException(
            "project", "required: the id of the project the rules are for");
      }
      project = JsonValues.text("project", v, RuleJson.MAX_NAME);
      if (project.isBlank()) {
        throw new InvalidRuleException("project", "must not be blank");
      }
      if (!absent(v = group.get("interval"))) {
        interval = RuleJson.interval("interval", v);
      }
    } catch (InvalidRuleException e) {
      throw new RulesFileException(file, path + "." + e.field(), e.problem(), null);
    }
    JsonNode rules = group.get("rules");
    if (empty(rules)) {
      return;
    }
    if (!rules.isArray()) {
      throw new RulesFileException(
          file, path + ".rules", "must be a list, got " + kindOf(rules), null);
    }
    Map<String, String> projectNames = names.computeIfAbsent(project, p -> new HashMap<>());
    for (int r = 0; r < rules.size(); r++) {
      String rulePath = path + ".rules[" + r + "]";
      JsonNode node = rules.get(r);
      if (absent(node) || !node.isObject()) {
        throw new RulesFileException(
            file, rulePath, "must be a mapping of rule fields, got " + kindOf(node), null);
      }
      if (interval != null && absent(node.get("interval"))) {
        node = ((ObjectNode) node).deepCopy().put("interval", Durations.format(interval));
      }
      AlertRule rule;
      try {
        rule = RuleJson.read(node);
      } catch (InvalidRuleException e) {
        throw new RulesFileException(file, rulePath + "." + e.field(), e.problem(), null);
      }
      String first = projectNames.putIfAbsent(rule.name(), rulePath);
      if (first != null) {
        throw new RulesFileException(
            file,
            rulePath + ".name",
            quote(rule.name()) + " is already a rule of project " + quote(project) + " at " + first,
            null);
      }
      out.add(
          new FileRule(
              project, rule.withId(id(project, groupName, rule.name()), AlertRule.SOURCE_FILE, 1)));
    }
  }

  /** {@code rul_} and 12 hex digits of SHA-256 of project, group and name. */
  static String id(String project, String group, String name) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // NUL between the parts: "a" + "bc" and "ab" + "c" must not give one id.
      byte[] hash =
          sha.digest((project + '\0' + group + '\0' + name).getBytes(StandardCharsets.UTF_8));
      return "rul_" + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
