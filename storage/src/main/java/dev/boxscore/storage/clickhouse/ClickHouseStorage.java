package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.Client;
import dev.boxscore.storage.SpanWriter;
import dev.boxscore.storage.StorageException;
import dev.boxscore.storage.TraceReader;
import dev.boxscore.storage.users.UserReader;
import dev.boxscore.storage.views.ViewStore;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Boxscore's store on ClickHouse, reached over its HTTP interface with the official client: a real
 * server, or the embedded engine behind its HTTP adapter. {@link #start()} creates the database and
 * runs the migrations.
 */
public final class ClickHouseStorage implements AutoCloseable {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  private final Builder config;
  private Client client;

  private ClickHouseStorage(Builder config) {
    this.config = config;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Connects, creates the database if missing and applies pending migrations. */
  public synchronized ClickHouseStorage start() {
    Client admin = newClient("default");
    try (admin) {
      // The database name is validated as an identifier above; DDL cannot bind identifiers as
      // parameters.
      new BoundStatements(admin)
          .execute("CREATE DATABASE IF NOT EXISTS " + config.database, Map.of());
    } catch (Exception e) {
      throw new StorageException(
          "cannot create database " + config.database + " at " + config.url, unwrap(e));
    }
    // Migrations get their own, longer timeout: a backfill over a large spans table runs for
    // minutes, and a client
    // that gave up would leave it running unrecorded, to be run (and counted) again at the next
    // start.
    try (Client migrations = newClient(config.database, config.migrationTimeout)) {
      new Migrator(migrations).migrate();
    }
    client = newClient(config.database);
    return this;
  }

  private Client newClient(String database) {
    return newClient(database, config.socketTimeout);
  }

  private Client newClient(String database, Duration socketTimeout) {
    return new Client.Builder()
        .addEndpoint(config.url)
        .setUsername(config.username)
        .setPassword(config.password)
        .setDefaultDatabase(database)
        .compressServerResponse(false)
        .compressClientRequest(false)
        .setConnectTimeout(config.connectTimeout.toMillis(), ChronoUnit.MILLIS)
        .setSocketTimeout(socketTimeout.toMillis(), ChronoUnit.MILLIS)
        .build();
  }

  /** A writer that stores every span with the default retention (30 days). */
  public SpanWriter spanWriter() {
    return spanWriter(project -> 30);
  }

  /**
   * A writer that stores each span with its project's retention in days, as the given function
   * tells.
   */
  public SpanWriter spanWriter(java.util.function.ToIntFunction<String> retentionDays) {
    return new ClickHouseSpanWriter(started(), retentionDays);
  }

  /**
   * The reader of one project's traces. Readers are bound to a project when made, never given one
   * per call, so code that holds a reader cannot read another project.
   */
  public TraceReader traceReader(String projectId) {
    return new ClickHouseTraceReader(started(), projectId);
  }

  /** A reader of the end users and sessions of one project. */
  public UserReader userReader(String projectId) {
    return new ClickHouseUserReader(started(), projectId);
  }

  /** The prompt versions of one project; bound to the project when made, like the other readers. */
  public dev.boxscore.storage.prompts.PromptReader promptReader(String projectId) {
    return new ClickHousePromptReader(started(), projectId);
  }

  /** The saved views of every project (each call names its project). */
  public ViewStore viewStore() {
    return new ClickHouseViewStore(started());
  }

  /**
   * The scores of every project (each call names its project), stored with the project's retention
   * in days as the given function tells.
   */
  public dev.boxscore.storage.scores.ScoreStore scoreStore(
      java.util.function.ToIntFunction<String> retentionDays) {
    return new ClickHouseScoreStore(started(), retentionDays);
  }

  /** The LLM-as-judge evaluators of every project (each call names its project). */
  public dev.boxscore.storage.evaluators.EvaluatorStore evaluatorStore() {
    return new ClickHouseEvaluatorStore(started());
  }

  /** The score configs of every project. */
  public dev.boxscore.storage.scores.ScoreConfigStore scoreConfigStore() {
    return new ClickHouseScoreConfigStore(started());
  }

  private Client started() {
    return Objects.requireNonNull(client, "start() first");
  }

  public dev.boxscore.storage.analytics.AnalyticsReader analyticsReader() {
    return new ClickHouseAnalyticsReader(started());
  }

  /** Alerting configuration, state and history. */
  public dev.boxscore.storage.alerts.AlertStore alertStore() {
    return new ClickHouseAlertStore(started());
  }

  public dev.boxscore.storage.analytics.PriceStore priceStore() {
    return new ClickHousePriceStore(started());
  }

  /** True when the server answers within the given time. */
  public boolean ping(Duration timeout) {
    return client != null && client.ping(timeout.toMillis());
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  static Throwable unwrap(Throwable e) {
    while ((e instanceof java.util.concurrent.ExecutionException
            || e instanceof java.util.concurrent.CompletionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** Settings of a {@link ClickHouseStorage}; every option has a default but the URL. */
  public static final class Builder {
    private String url;
    private String database = "boxscore";
    private String username = "default";
    private String password = "";
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration socketTimeout = Duration.ofSeconds(60);
    private Duration migrationTimeout = Duration.ofHours(2);

    private Builder() {}

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:8123}. Required. */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The database holding Boxscore's tables; created when missing. Default {@code boxscore}. */
    public Builder database(String database) {
      if (!IDENTIFIER.matcher(Objects.requireNonNull(database, "database")).matches()) {
        throw new IllegalArgumentException(
            "database must be an identifier ([A-Za-z_][A-Za-z0-9_]*): " + database);
      }
      this.database = database;
      return this;
    }

    /** Default {@code default}. */
    public Builder username(String username) {
      this.username = Objects.requireNonNull(username, "username");
      return this;
    }

    /** Default empty. */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
      return this;
    }

    /** How long a statement may go without the server sending anything. Default 60 s. */
    public Builder socketTimeout(Duration timeout) {
      this.socketTimeout = Objects.requireNonNull(timeout, "socketTimeout");
      return this;
    }

    /**
     * How long one migration statement may run without an answer, at {@link
     * ClickHouseStorage#start()}. Default 2 h: backfilling a new rollup reads every stored span.
     */
    public Builder migrationTimeout(Duration timeout) {
      this.migrationTimeout = Objects.requireNonNull(timeout, "migrationTimeout");
      return this;
    }

    public ClickHouseStorage build() {
      Objects.requireNonNull(url, "url");
      return new ClickHouseStorage(this);
    }
  }
}
