package dev.boxscore.server;

/**
 * The test infrastructure's ClickHouse endpoint, for tools in other test packages (the benchmark).
 */
public final class EmbeddedInfrastructureAccess {
  private EmbeddedInfrastructureAccess() {}

  public static String clickHouseUrl() {
    return EmbeddedInfrastructure.machine().config().get("boxscore.clickhouse.url");
  }

  /** The {@code Authorization} header the engine requires (its per-start credential). */
  public static String clickHouseAuthorization() {
    return EmbeddedInfrastructure.clickHouseAuthorization();
  }
}
