package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.boxscore.storage.StorageException;
import dev.boxscore.storage.analytics.PriceStore;
import dev.boxscore.storage.analytics.ProjectPrice;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Project prices in {@code project_prices} (see 0006_create_project_prices.sql); all values bound.
 */
final class ClickHousePriceStore implements PriceStore {
  private final BoundStatements client;

  ClickHousePriceStore(Client client) {
    this.client = new BoundStatements(client);
  }

  @Override
  public List<ProjectPrice> prices(String projectId) {
    List<ProjectPrice> out = new ArrayList<>();
    try {
      for (GenericRecord r :
          client.queryAll(AnalyticsQueries.LIST_PROJECT_PRICES, Map.of("project", projectId))) {
        if (r.getBoolean("deleted")) {
          continue;
        }
        out.add(
            new ProjectPrice(
                r.getString("provider"),
                r.getString("model_pattern"),
                r.getBoolean("any_provider"),
                decimal(r, "input_per_million"),
                decimal(r, "output_per_million"),
                decimal(r, "cache_read_per_million"),
                decimal(r, "cache_write_per_million"),
                decimal(r, "reasoning_per_million"),
                r.getLocalDate("effective_from"),
                r.getString("source")));
      }
    } catch (RuntimeException e) {
      throw new StorageException("reading project prices failed", e);
    }
    return out;
  }

  @Override
  public void put(String projectId, ProjectPrice p) {
    write(projectId, p, false);
  }

  @Override
  public boolean delete(
      String projectId, String provider, String modelPattern, LocalDate effectiveFrom) {
    for (ProjectPrice p : prices(projectId)) {
      if (p.provider().equals(provider)
          && p.modelPattern().equals(modelPattern)
          && p.effectiveFrom().equals(effectiveFrom)) {
        write(projectId, p, true);
        return true;
      }
    }
    return false;
  }

  private void write(String projectId, ProjectPrice p, boolean deleted) {
    Map<String, Object> params = new HashMap<>();
    params.put("project", projectId);
    params.put("provider", p.provider());
    params.put("model_pattern", p.modelPattern());
    params.put("effective_from", p.effectiveFrom().toString());
    params.put("any_provider", p.anyProvider());
    params.put("input", p.inputPerMillion().toPlainString());
    params.put("output", p.outputPerMillion().toPlainString());
    params.put("cache_read", text(p.cacheReadPerMillion()));
    params.put("cache_write", text(p.cacheWritePerMillion()));
    params.put("reasoning", text(p.reasoningPerMillion()));
    params.put("source", p.source() == null ? "" : p.source());
    params.put("deleted", deleted);
    try {
      client.execute(AnalyticsQueries.INSERT_PROJECT_PRICE, params);
    } catch (Exception e) {
      throw new StorageException("writing a project price failed", ClickHouseStorage.unwrap(e));
    }
  }

  private static String text(BigDecimal value) {
    return value == null ? "" : value.toPlainString();
  }

  private static BigDecimal decimal(GenericRecord r, String column) {
    return r.hasValue(column) ? r.getBigDecimal(column).stripTrailingZeros() : null;
  }
}
