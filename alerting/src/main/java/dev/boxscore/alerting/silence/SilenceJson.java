package dev.boxscore.alerting.silence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/** A silence's JSON in the API contract, read with every check naming its field, and written. */
public final class SilenceJson {
  static final int MAX_MATCHERS = 100;
  static final int MAX_NAME = 200;
  static final int MAX_VALUE = 1024;
  static final int MAX_COMMENT = 1024;

  private static final Set<String> FIELDS =
      Set.of("matchers", "startsAt", "endsAt", "comment", "createdBy");

  /** What the API adds to an answer; ignored in a request. */
  private static final Set<String> RESPONSE_ONLY = Set.of("id", "state");

  private static final Set<String> MATCHER_FIELDS = Set.of("name", "value", "isRegex", "isEqual");

  private SilenceJson() {}

  /**
   * A new silence from a request body: no id yet, {@code startsAt} now unless given.
   *
   * @throws InvalidSilenceException naming the first field that is wrong
   */
  public static Silence read(JsonNode body, String projectId, Instant now) {
    if (absent(body) || !body.isObject()) {
      throw new InvalidSilenceException("body", "must be a JSON object, got " + kindOf(body));
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f) && !RESPONSE_ONLY.contains(f)) {
        throw new InvalidSilenceException(cut(f), "not a silence field");
      }
    }
    List<Matcher> matchers = matchers(body.get("matchers"));
    JsonNode v = body.get("startsAt");
    Instant startsAt = absent(v) ? now : instant("startsAt", v);
    v = body.get("endsAt");
    if (absent(v)) {
      throw new InvalidSilenceException("endsAt", "required");
    }
    Instant endsAt = instant("endsAt", v);
    if (!endsAt.isAfter(startsAt)) {
      throw new InvalidSilenceException(
          "endsAt", "must be after startsAt (" + startsAt + "), got " + endsAt);
    }
    // As Alertmanager: a silence that is over before it is made would only mislead.
    if (!endsAt.isAfter(now)) {
      throw new InvalidSilenceException("endsAt", "must be in the future, got " + endsAt);
    }
    v = body.get("comment");
    String comment = absent(v) ? "" : text("comment", v, MAX_COMMENT);
    v = body.get("createdBy");
    String createdBy = absent(v) ? null : text("createdBy", v, MAX_NAME);
    return new Silence(null, projectId, matchers, startsAt, endsAt, comment, createdBy);
  }

  /** The contract's JSON of a silence, with its state at {@code now}. */
  public static ObjectNode write(Silence silence, Instant now) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", silence.id());
    ArrayNode matchers = o.putArray("matchers");
    for (Matcher m : silence.matchers()) {
      matchers
          .addObject()
          .put("name", m.name())
          .put("value", m.value())
          .put("isRegex", m.isRegex())
          .put("isEqual", m.isEqual());
    }
    o.put("startsAt", silence.startsAt().toString());
    o.put("endsAt", silence.endsAt().toString());
    o.put("comment", silence.comment());
    o.put("createdBy", silence.createdBy());
    o.put("state", silence.state(now));
    return o;
  }

  private static List<Matcher> matchers(JsonNode n) {
    if (absent(n)) {
      throw new InvalidSilenceException("matchers", "at least one matcher required");
    }
    if (!n.isArray()) {
      throw new InvalidSilenceException("matchers", "must be an array, got " + kindOf(n));
    }
    if (n.isEmpty()) {
      throw new InvalidSilenceException("matchers", "at least one matcher required");
    }
    if (n.size() > MAX_MATCHERS) {
      throw new InvalidSilenceException(
          "matchers", "at most " + MAX_MATCHERS + " matchers, got " + n.size());
    }
    List<Matcher> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      out.add(matcher("matchers[" + i + "]", n.get(i)));
    }
    // Alertmanager's rule: a silence whose matchers all match "" would also silence every alert
    // that lacks the labels, which is rarely what was meant.
    if (out.stream().allMatch(m -> m.matches(""))) {
      throw new InvalidSilenceException(
          "matchers", "at least one matcher must not match the empty string");
    }
    return out;
  }

  private static Matcher matcher(String path, JsonNode n) {
    if (absent(n) || !n.isObject()) {
      throw new InvalidSilenceException(path, "must be an object, got " + kindOf(n));
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!MATCHER_FIELDS.contains(f)) {
        throw new InvalidSilenceException(path + "." + cut(f), "not a matcher field");
      }
    }
    JsonNode v = n.get("name");
    if (absent(v)) {
      throw new InvalidSilenceException(path + ".name", "required");
    }
    String name = text(path + ".name", v, MAX_NAME);
    if (!Matcher.LABEL_NAME.matcher(name).matches()) {
      throw new InvalidSilenceException(
          path + ".name",
          "not a label name (letters, digits and _, not starting with a digit), got "
              + quote(name));
    }
    v = n.get("value");
    if (absent(v)) {
      throw new InvalidSilenceException(path + ".value", "required");
    }
    String value = text(path + ".value", v, MAX_VALUE);
    v = n.get("isRegex");
    boolean isRegex = !absent(v) && bool(path + ".isRegex", v);
    v = n.get("isEqual");
    boolean isEqual = absent(v) || bool(path + ".isEqual", v);
    try {
      return new Matcher(name, value, isRegex, isEqual);
    } catch (PatternSyntaxException e) {
      throw new InvalidSilenceException(
          path + ".value",
          "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
    }
  }

  private static Instant instant(String field, JsonNode n) {
    String s = text(field, n, 64);
    try {
      return Instant.parse(s);
    } catch (DateTimeException e) {
      throw new InvalidSilenceException(
          field, "must be an ISO-8601 instant such as 2026-12-07T14:00:00Z, got " + quote(s));
    }
  }

  private static boolean absent(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode();
  }

  private static String text(String field, JsonNode n, int max) {
    if (!n.isTextual()) {
      throw new InvalidSilenceException(field, "must be a string, got " + kindOf(n));
    }
    String s = n.textValue();
    if (s.length() > max) {
      throw new InvalidSilenceException(
          field, "must be at most " + max + " characters, got " + s.length());
    }
    return s;
  }

  private static boolean bool(String field, JsonNode n) {
    if (!n.isBoolean()) {
      throw new InvalidSilenceException(field, "must be true or false, got " + kindOf(n));
    }
    return n.booleanValue();
  }

  private static String kindOf(JsonNode n) {
    if (absent(n)) {
      return "null";
    }
    return switch (n.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      default -> "an object";
    };
  }

  private static String cut(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }

  private static String quote(String s) {
    return "\"" + cut(s) + "\"";
  }
}
