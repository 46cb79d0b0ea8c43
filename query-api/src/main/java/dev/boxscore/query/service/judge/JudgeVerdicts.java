package dev.boxscore.query.service.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.storage.scores.ScoreDataType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a judge's answer as a score of the evaluator's type: a JSON object {@code {"score": …,
 * "explanation": …}} first (also inside other text or a code fence); else, from the text, the first
 * number (numeric), the first true/false/yes/no/pass/fail (boolean), or the earliest of the
 * categories (categorical). Anything else is no verdict: the runner records a judge error.
 */
final class JudgeVerdicts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
  private static final Pattern BOOLEAN =
      Pattern.compile(
          "\\b(true|false|yes|no|pass|fail|passed|failed)\\b", Pattern.CASE_INSENSITIVE);
  private static final int MAX_EXPLANATION = 2000;

  private JudgeVerdicts() {}

  static Optional<Verdict> read(String answer, ScoreDataType type, List<String> categories) {
    if (answer == null || answer.isBlank()) {
      return Optional.empty();
    }
    Optional<JsonNode> json = jsonObject(answer);
    if (json.isPresent() && json.get().has("score")) {
      String explanation = json.get().path("explanation").asText("");
      return fromJson(json.get().get("score"), type, categories)
          .map(v -> new Verdict(v.value(), v.label(), clip(explanation)));
    }
    return fromText(answer, type, categories).map(v -> new Verdict(v.value(), v.label(), ""));
  }

  private static Optional<Verdict> fromJson(
      JsonNode score, ScoreDataType type, List<String> categories) {
    if (score.isNumber()) {
      double d = score.asDouble();
      return switch (type) {
        case NUMERIC -> finite(d);
        case BOOLEAN -> d == 1 || d == 0 ? Optional.of(bool(d == 1)) : Optional.empty();
        default -> category(score.asText(), categories);
      };
    }
    if (score.isBoolean()) {
      return type == ScoreDataType.BOOLEAN
          ? Optional.of(bool(score.asBoolean()))
          : Optional.empty();
    }
    if (score.isTextual()) {
      String text = score.asText().strip();
      return switch (type) {
        case NUMERIC -> number(text);
        case BOOLEAN -> booleanWord(text);
        default -> category(text, categories);
      };
    }
    return Optional.empty();
  }

  private static Optional<Verdict> fromText(
      String text, ScoreDataType type, List<String> categories) {
    return switch (type) {
      case NUMERIC -> {
        Matcher m = NUMBER.matcher(text);
        yield m.find() ? finite(Double.parseDouble(m.group())) : Optional.empty();
      }
      case BOOLEAN -> {
        Matcher m = BOOLEAN.matcher(text);
        yield m.find() ? booleanWord(m.group()) : Optional.empty();
      }
      default -> earliestCategory(text, categories);
    };
  }

  private static Optional<JsonNode> jsonObject(String answer) {
    int start = answer.indexOf('{');
    int end = answer.lastIndexOf('}');
    if (start < 0 || end <= start) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(answer.substring(start, end + 1));
      return node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static Optional<Verdict> number(String text) {
    try {
      return finite(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Verdict> finite(double d) {
    return Double.isFinite(d) ? Optional.of(new Verdict(d, "", "")) : Optional.empty();
  }

  private static Verdict bool(boolean b) {
    return new Verdict(b ? 1.0 : 0.0, String.valueOf(b), "");
  }

  private static Optional<Verdict> booleanWord(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "pass", "passed", "1" -> Optional.of(bool(true));
      case "false", "no", "fail", "failed", "0" -> Optional.of(bool(false));
      default -> Optional.empty();
    };
  }

  private static Optional<Verdict> category(String text, List<String> categories) {
    for (String c : categories) {
      if (c.equalsIgnoreCase(text.strip())) {
        return Optional.of(new Verdict(null, c, ""));
      }
    }
    return Optional.empty();
  }

  private static Optional<Verdict> earliestCategory(String text, List<String> categories) {
    String best = null;
    int at = Integer.MAX_VALUE;
    for (String c : categories) {
      Matcher m =
          Pattern.compile("\\b" + Pattern.quote(c) + "\\b", Pattern.CASE_INSENSITIVE).matcher(text);
      if (m.find() && m.start() < at) {
        at = m.start();
        best = c;
      }
    }
    return Optional.ofNullable(best).map(c -> new Verdict(null, c, ""));
  }

  private static String clip(String s) {
    return s.length() <= MAX_EXPLANATION ? s : s.substring(0, MAX_EXPLANATION);
  }
}
