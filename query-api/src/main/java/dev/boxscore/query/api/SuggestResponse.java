package dev.boxscore.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Completions for the search bar: the keys of the grammar (without {@code key}), or the most
 * frequent values of one key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuggestResponse(List<String> keys, String key, List<String> values) {}
