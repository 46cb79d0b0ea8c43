package dev.boxscore.storage.search;

import java.util.List;
import java.util.Objects;

/**
 * "A span of the trace has one of these values" ({@code model:a model:b}), or, negated, "no span
 * has any of them" ({@code -model:a}).
 *
 * @param key the attribute's name for {@link FilterField#ATTRIBUTE}; null otherwise
 */
public record FieldMatch(FilterField field, String key, List<String> values, boolean negated) {
  public FieldMatch {
    Objects.requireNonNull(field, "field");
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a field match needs a value");
    }
    if ((field == FilterField.ATTRIBUTE) != (key != null)) {
      throw new IllegalArgumentException("an attribute match, and only it, names a key");
    }
  }
}
