package dev.boxscore.query.service;

import java.util.List;

/**
 * Which provider's price a what-if re-prices traffic with.
 *
 * @param provider the chosen provider; null when none could be chosen (see {@code candidates})
 * @param chosenBy why it was chosen, for the answer to say: {@code target_provider} (asked for),
 *     {@code project price} (the only provider the project priced the model for), {@code built-in
 *     price} (the only provider, or the model maker's list price, in the built-in catalog)
 * @param candidates the providers pricing the model; empty when nobody does, several when the
 *     caller must choose
 */
public record TargetProvider(String provider, String chosenBy, List<String> candidates) {
  static TargetProvider unpriced() {
    return new TargetProvider(null, null, List.of());
  }

  static TargetProvider ambiguous(List<String> candidates) {
    return new TargetProvider(null, null, List.copyOf(candidates));
  }

  static TargetProvider chosen(String provider, String chosenBy) {
    return new TargetProvider(provider, chosenBy, List.of(provider));
  }
}
