package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.query.GenericRecord;
import dev.boxscore.storage.analytics.Group;
import dev.boxscore.storage.analytics.PricingUnit;
import dev.boxscore.storage.analytics.TokenSums;

/**
 * Reads a {@link PricingUnit} from the columns every pricing statement names alike ({@code
 * p_provider}, {@code p_request_model}, {@code p_response_model}, {@code p_day}, {@code s_*}), so
 * analytics and the trace views hand the query API the same units to price.
 */
final class PricingUnitMapper {
  private PricingUnitMapper() {}

  static PricingUnit read(GenericRecord r, Group group) {
    return new PricingUnit(
        group,
        r.getString("p_provider"),
        r.getString("p_request_model"),
        r.getString("p_response_model"),
        r.getLocalDate("p_day"),
        r.getLong("s_calls"),
        r.getLong("s_errors"),
        r.getLong("s_token_calls"),
        r.getLong("s_estimated_calls"),
        tokens(r));
  }

  static TokenSums tokens(GenericRecord r) {
    return new TokenSums(
        r.getLong("s_input"),
        r.getLong("s_output"),
        r.getLong("s_cache_read"),
        r.getLong("s_cache_write"),
        r.getLong("s_reasoning"));
  }
}
