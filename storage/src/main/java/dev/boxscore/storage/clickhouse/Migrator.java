package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.boxscore.storage.StorageException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Applies the numbered migrations listed in {@code clickhouse/migrations/index.txt} that have not
 * run yet. Every migration is written to be idempotent too ({@code IF NOT EXISTS}), so two
 * processes starting at once are safe.
 */
final class Migrator {
  private static final Logger LOG = Logger.getLogger(Migrator.class);
  private static final String DIR = "clickhouse/migrations/";

  private final BoundStatements client;

  Migrator(Client client) {
    this.client = new BoundStatements(client);
  }

  void migrate() {
    List<String> migrations = SqlResources.lines(DIR + "index.txt");
    // The bookkeeping table is itself migration 0000 and must exist before we can ask what ran.
    execute(migrations.get(0), SqlResources.load(DIR + migrations.get(0)));
    Set<Integer> applied = applied();
    for (String file : migrations) {
      int version = version(file);
      if (applied.contains(version)) {
        continue;
      }
      execute(file, SqlResources.load(DIR + file));
      try {
        client.execute(
            "INSERT INTO schema_migrations (version, name) SELECT {version:UInt32}, {name:String}",
            Map.of("version", version, "name", file));
      } catch (Exception e) {
        throw new StorageException("cannot record migration " + file, ClickHouseStorage.unwrap(e));
      }
      LOG.infof("applied ClickHouse migration %s", file);
    }
  }

  private Set<Integer> applied() {
    Set<Integer> versions = new HashSet<>();
    try {
      for (GenericRecord r :
          client.queryAll("SELECT version FROM schema_migrations FINAL", Map.of())) {
        versions.add((int) r.getLong("version"));
      }
    } catch (RuntimeException e) {
      throw new StorageException("cannot read schema_migrations", e);
    }
    return versions;
  }

  private void execute(String file, String sql) {
    try {
      client.execute(sql, Map.of());
    } catch (Exception e) {
      throw new StorageException("migration " + file + " failed", ClickHouseStorage.unwrap(e));
    }
  }

  static int version(String file) {
    return Integer.parseInt(file.substring(0, file.indexOf('_')));
  }
}
