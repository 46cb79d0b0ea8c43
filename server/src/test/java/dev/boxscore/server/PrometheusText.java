package dev.boxscore.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4 (no Java parser of it is published
 * on Maven: the official client libraries only write it). It fails on anything the format does not
 * allow or Prometheus would reject: a line of another shape, a sample before its family's TYPE, a
 * TYPE or HELP given twice, a sample name that is not its family's (or a histogram's _bucket, _sum,
 * _count), a label escape other than \\, \" and \n, a label name twice, the same series twice, a
 * value that is not a float.
 */
final class PrometheusText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern VALUE =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?Inf|NaN");

  /** One sample: its name (with a histogram's suffix), labels in order, value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /** A family: its TYPE, unescaped HELP and samples in the order they came. */
  record Family(String name, String type, String help, List<Sample> samples) {}

  private PrometheusText() {}

  static Map<String, Family> parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the last line must end with a line feed");
    }
    Map<String, String> types = new HashMap<>();
    Map<String, String> helps = new HashMap<>();
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    Set<String> seriesSeen = new HashSet<>();
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        if (helps.put(m.group(1), unescape(m.group(2), false)) != null) {
          throw new IllegalArgumentException(n + ": second HELP for " + m.group(1));
        }
      } else if ((m = TYPE.matcher(line)).matches()) {
        if (samples.containsKey(m.group(1)) || types.put(m.group(1), m.group(2)) != null) {
          throw new IllegalArgumentException(n + ": TYPE after samples or twice: " + line);
        }
        samples.put(m.group(1), new ArrayList<>());
      } else if (line.startsWith("#")) {
        throw new IllegalArgumentException(
            n + ": a comment this endpoint should not write: " + line);
      } else {
        Sample s = sample(line, n);
        String family = family(s.name(), types);
        if (family == null) {
          throw new IllegalArgumentException(n + ": no TYPE before " + s.name());
        }
        if (!seriesSeen.add(s.name() + s.labels())) {
          throw new IllegalArgumentException(n + ": series twice: " + line);
        }
        samples.get(family).add(s);
      }
    }
    Map<String, Family> out = new LinkedHashMap<>();
    samples.forEach(
        (name, list) -> out.put(name, new Family(name, types.get(name), helps.get(name), list)));
    return out;
  }

  private static String family(String sampleName, Map<String, String> types) {
    if (types.containsKey(sampleName) && !"histogram".equals(types.get(sampleName))) {
      return sampleName;
    }
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (sampleName.endsWith(suffix)) {
        String base = sampleName.substring(0, sampleName.length() - suffix.length());
        if ("histogram".equals(types.get(base))) {
          return base;
        }
      }
    }
    return null;
  }

  private static Sample sample(String line, int n) {
    Matcher name = NAME.matcher(line);
    if (!name.lookingAt()) {
      throw new IllegalArgumentException(n + ": no metric name: " + line);
    }
    int i = name.end();
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        Matcher label = LABEL_NAME.matcher(line).region(i, line.length());
        if (!label.lookingAt()
            || line.charAt(label.end()) != '='
            || line.charAt(label.end() + 1) != '"') {
          throw new IllegalArgumentException(n + ": bad label at " + i + ": " + line);
        }
        i = label.end() + 2;
        StringBuilder value = new StringBuilder();
        while (line.charAt(i) != '"') {
          char c = line.charAt(i++);
          if (c == '\\') {
            char e = line.charAt(i++);
            value.append(
                switch (e) {
                  case '\\' -> '\\';
                  case '"' -> '"';
                  case 'n' -> '\n';
                  default -> throw new IllegalArgumentException(n + ": bad escape \\" + e);
                });
          } else {
            value.append(c);
          }
        }
        i++;
        if (labels.put(label.group(), value.toString()) != null) {
          throw new IllegalArgumentException(n + ": label twice: " + label.group());
        }
        if (line.charAt(i) == ',') {
          i++;
        } else if (line.charAt(i) != '}') {
          throw new IllegalArgumentException(n + ": expected , or } at " + i + ": " + line);
        }
      }
      i++;
    }
    if (i >= line.length() || line.charAt(i) != ' ') {
      throw new IllegalArgumentException(n + ": expected one space before the value: " + line);
    }
    String value = line.substring(i + 1);
    if (!VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException(n + ": not a value (or a timestamp follows): " + line);
    }
    return new Sample(name.group(), labels, Double.parseDouble(value.replace("Inf", "Infinity")));
  }

  private static String unescape(String help, boolean quotes) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < help.length(); i++) {
      char c = help.charAt(i);
      if (c == '\\' && i + 1 < help.length()) {
        char e = help.charAt(++i);
        out.append(e == 'n' ? '\n' : e == '\\' ? '\\' : quotes && e == '"' ? '"' : fail(e));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static char fail(char escape) {
    throw new IllegalArgumentException("bad escape in HELP: \\" + escape);
  }
}
