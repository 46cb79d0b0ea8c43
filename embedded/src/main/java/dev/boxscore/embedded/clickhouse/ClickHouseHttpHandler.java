package dev.boxscore.embedded.clickhouse;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Serves ClickHouse's HTTP interface from chDB, covering what client-v2 and jdbc-v2 0.10.0 send.
 *
 * <p>Request: {@code POST /} with the SQL in the body, or the statement in the {@code query} URL
 * parameter and insert data in the body (joined with a line feed, as the server does); {@code GET
 * /?query=...}; {@code GET /} and {@code GET /ping} answer "Ok.". Honoured: {@code database} /
 * {@code X-ClickHouse-Database} (the session's current database), {@code default_format} / {@code
 * X-ClickHouse-Format}, {@code query_id} / {@code X-ClickHouse-Query-Id}, {@code param_<name>} for
 * {@code {name:Type}} placeholders, {@code Content-Encoding: gzip|deflate} request bodies. Every
 * other URL parameter is a ClickHouse setting for this one request (e.g. {@code
 * max_execution_time}, {@code date_time_input_format}, {@code input_format_skip_unknown_fields}):
 * set on the session before the statement and reset to its default after it; an unknown setting
 * fails the request with code 115 as on a server. Every statement needs the adapter's credential
 * ({@link AdapterCredentials}, 401 and code 516 without it) and a loopback Host (403 otherwise);
 * {@code /ping} and a bare {@code GET /} answer without. Accepted and ignored: {@code
 * wait_end_of_query} (results are always complete before the response starts), session, progress,
 * buffering and HTTP-compression parameters, and {@code readonly} (not enforced). Rejected: {@code
 * compress=1} / {@code decompress=1} (ClickHouse's native LZ4 framing; turn client compression
 * off).
 *
 * <p>INSERT data is streamed into chDB's streaming-insert API, never made part of query text: chDB
 * ends inline data at the first empty line and runs what follows as SQL.
 */
final class ClickHouseHttpHandler implements HttpHandler {

  private static final Logger LOG = Logger.getLogger(ClickHouseHttpHandler.class.getName());

  /**
   * Each query with its bound parameters and the engine's own time, at FINE (parameters hold user
   * data: never logged unless asked for).
   */
  static final Logger STATEMENTS =
      Logger.getLogger(ClickHouseHttpHandler.class.getName() + ".statements");

  /**
   * Largest non-insert statement accepted (the server's max_query_size is 256 KiB; generous for
   * generated SQL).
   */
  static final int MAX_QUERY_BYTES = 8 * 1024 * 1024;

  private static final int READ_CHUNK = 64 * 1024;
  private static final String DEFAULT_FORMAT = "TabSeparated";
  private static final byte[] OK = "Ok.\n".getBytes(StandardCharsets.UTF_8);

  private static final Set<String> COMPRESSION_PARAMETERS = Set.of("compress", "decompress");

  /** URL parameters of the HTTP protocol itself, i.e. not ClickHouse settings. */
  private static final Set<String> PROTOCOL_PARAMETERS =
      Set.of(
          "query",
          "query_id",
          "database",
          "default_format",
          "user",
          "password",
          "quota_key",
          "role",
          "session_id",
          "session_timeout",
          "session_check",
          "compress",
          "decompress",
          "enable_http_compression",
          "http_zlib_compression_level",
          "wait_end_of_query",
          "send_progress_in_http_headers",
          "http_headers_progress_interval_ms",
          "buffer_size",
          "client_protocol_version",
          "http_native_compression_disable_checksumming_on_decompress",
          "readonly");

  private final ChdbEngine engine;
  private final String displayName;
  private final AdapterCredentials credentials;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;

  ClickHouseHttpHandler(ChdbEngine engine, String displayName, AdapterCredentials credentials) {
    this.engine = engine;
    this.displayName = displayName;
    this.credentials = credentials;
  }

  /**
   * Refuses new requests (503) and waits up to {@code timeoutMillis} for running ones; true when
   * none is left. The JDK server's own stop(delay) waits the whole delay on Java 17 even when idle.
   */
  boolean drain(long timeoutMillis) throws InterruptedException {
    draining = true;
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (inFlight.get() > 0) {
      if (System.currentTimeMillis() >= deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    inFlight.incrementAndGet();
    try {
      if (draining) {
        exchange.getResponseHeaders().set("X-ClickHouse-Exception-Code", "210");
        respond(
            exchange,
            503,
            "text/plain; charset=UTF-8",
            "Code: 210. DB::Exception: The embedded ClickHouse server is stopping. (NETWORK_ERROR)\n"
                .getBytes(StandardCharsets.UTF_8));
        exchange.close();
        return;
      }
      handleOpen(exchange);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void handleOpen(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      Map<String, String> parameters = parseParameters(exchange.getRequestURI().getRawQuery());
      if ("GET".equals(method) || "HEAD".equals(method)) {
        if ("/ping".equals(path) || ("/".equals(path) && !parameters.containsKey("query"))) {
          respond(exchange, 200, "text/html; charset=UTF-8", OK);
          return;
        }
      }
      if (!"/".equals(path) && !"/query".equals(path)) {
        respond(
            exchange,
            404,
            "text/plain; charset=UTF-8",
            ("There is no handle " + path + "\n").getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (!"POST".equals(method) && !"GET".equals(method)) {
        respond(
            exchange,
            405,
            "text/plain; charset=UTF-8",
            "Method not allowed\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (!AdapterCredentials.loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
        respond(
            exchange,
            403,
            "text/plain; charset=UTF-8",
            "The embedded ClickHouse answers only requests to a loopback host\n"
                .getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (!credentials.accepts(exchange.getRequestHeaders(), parameters)) {
        exchange.getResponseHeaders().set("X-ClickHouse-Exception-Code", "516");
        respond(
            exchange,
            401,
            "text/plain; charset=UTF-8",
            ("Code: 516. DB::Exception: Authentication failed: password is incorrect, or there is no user"
                    + " with such name. (AUTHENTICATION_FAILED)\n")
                .getBytes(StandardCharsets.UTF_8));
        return;
      }
      serveQuery(exchange, parameters);
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "ClickHouse HTTP adapter failed on a request", e);
      throw e;
    }
  }

  private void serveQuery(HttpExchange exchange, Map<String, String> parameters)
      throws IOException {
    Headers request = exchange.getRequestHeaders();
    String queryId =
        firstNonBlank(
            parameters.get("query_id"),
            request.getFirst("X-ClickHouse-Query-Id"),
            UUID.randomUUID().toString());
    String database =
        firstNonBlank(
            parameters.get("database"), request.getFirst("X-ClickHouse-Database"), "default");
    String format =
        firstNonBlank(
            parameters.get("default_format"),
            request.getFirst("X-ClickHouse-Format"),
            DEFAULT_FORMAT);
    Headers response = exchange.getResponseHeaders();
    response.set("X-ClickHouse-Query-Id", queryId);
    response.set("X-ClickHouse-Timezone", "UTC");
    response.set("X-ClickHouse-Server-Display-Name", displayName);
    try {
      for (String name : COMPRESSION_PARAMETERS) {
        if ("1".equals(parameters.get(name))) {
          throw ChdbException.of(
              ChdbException.BAD_ARGUMENTS,
              "BAD_ARGUMENTS",
              "URL parameter "
                  + name
                  + "=1 (ClickHouse native compression) is not supported by the embedded ClickHouse adapter;"
                  + " turn compression off in the client");
        }
      }
      Map<String, String> queryParameters = new LinkedHashMap<>();
      Map<String, String> settings = new LinkedHashMap<>();
      parameters.forEach(
          (name, value) -> {
            if (name.startsWith("param_")) {
              queryParameters.put(name.substring("param_".length()), value);
            } else if (!PROTOCOL_PARAMETERS.contains(name)) {
              settings.put(name, value);
            }
          });
      InputStream body = decodedBody(exchange);
      Execution execution =
          execute(
              parameters.get("query"),
              body,
              new Session(database, settings),
              format,
              queryParameters);
      response.set("X-ClickHouse-Format", execution.format);
      response.set("X-ClickHouse-Summary", summary(execution.result));
      respond(exchange, 200, contentType(execution.format), execution.result.output());
    } catch (ChdbException e) {
      response.set("X-ClickHouse-Exception-Code", Integer.toString(e.code()));
      String message = e.getMessage().endsWith("\n") ? e.getMessage() : e.getMessage() + "\n";
      respond(
          exchange,
          e.httpStatus(),
          "text/plain; charset=UTF-8",
          message.getBytes(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ChdbException aborted =
          ChdbException.of(ChdbException.ABORTED, "ABORTED", "The request was interrupted");
      response.set("X-ClickHouse-Exception-Code", Integer.toString(aborted.code()));
      respond(
          exchange,
          500,
          "text/plain; charset=UTF-8",
          (aborted.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private record Execution(ChdbResult result, String format) {}

  /** The database and settings a request runs with. */
  private record Session(String database, Map<String, String> settings) {}

  private Execution execute(
      String queryParameter,
      InputStream body,
      Session session,
      String format,
      Map<String, String> queryParameters)
      throws IOException, InterruptedException {
    byte[] prefix =
        queryParameter == null
            ? new byte[0]
            : (queryParameter + "\n").getBytes(StandardCharsets.UTF_8);
    int length = prefix.length;
    byte[] buffer = Arrays.copyOf(prefix, Math.max(READ_CHUNK, prefix.length + READ_CHUNK));
    boolean complete = false;
    while (true) {
      if (!complete && length == buffer.length) {
        if (buffer.length >= MAX_QUERY_BYTES) {
          throw tooLarge(length);
        }
        buffer = Arrays.copyOf(buffer, Math.min(MAX_QUERY_BYTES, buffer.length * 2));
      }
      if (!complete) {
        int read = body.read(buffer, length, buffer.length - length);
        if (read < 0) {
          complete = true;
        } else {
          length += read;
        }
      }
      SqlText.InsertScan scan = SqlText.scanInsert(buffer, length, complete);
      if (scan instanceof SqlText.InsertWithData insert) {
        InputStream data =
            new SequenceInputStream(
                new ByteArrayInputStream(buffer, insert.dataStart(), length - insert.dataStart()),
                complete ? InputStream.nullInputStream() : body);
        return new Execution(insert(session, insert.head(), insert.format(), data), format);
      }
      if (scan instanceof SqlText.NotInlineInsert) {
        break;
      }
      if (complete) {
        break; // an incomplete statement: the engine reports the syntax error
      }
    }
    // A plain query: read it whole.
    while (!complete) {
      if (length == buffer.length) {
        if (buffer.length >= MAX_QUERY_BYTES) {
          if (body.read() < 0) {
            break;
          }
          throw tooLarge(length + 1);
        }
        buffer = Arrays.copyOf(buffer, Math.min(MAX_QUERY_BYTES, buffer.length * 2));
      }
      int read = body.read(buffer, length, buffer.length - length);
      if (read < 0) {
        complete = true;
      } else {
        length += read;
      }
    }
    SqlText.QueryShape shape = SqlText.scanQuery(buffer, length);
    if (shape.multipleStatements()) {
      throw ChdbException.of(
          ChdbException.SYNTAX_ERROR,
          "SYNTAX_ERROR",
          "Syntax error (Multi-statements are not allowed)");
    }
    String sql = new String(buffer, 0, length, StandardCharsets.UTF_8).strip();
    if (sql.isEmpty()) {
      throw ChdbException.of(ChdbException.SYNTAX_ERROR, "SYNTAX_ERROR", "Empty query");
    }
    String outputFormat = shape.explicitFormat() != null ? shape.explicitFormat() : format;
    ChdbConnection connection = engine.borrow();
    try {
      connection.useDatabase(session.database());
      connection.applySettings(session.settings());
      try {
        ChdbResult result = connection.query(sql, format, queryParameters);
        if (STATEMENTS.isLoggable(Level.FINE)) {
          // Off by default; a benchmark turns it on to replay the API's statements on the engine
          // alone.
          STATEMENTS.log(
              Level.FINE,
              "{0}",
              new Object[] {sql, Map.copyOf(queryParameters), result.elapsedSeconds()});
        }
        return new Execution(result, outputFormat);
      } finally {
        connection.resetSettings(session.settings().keySet());
      }
    } finally {
      engine.giveBack(connection);
    }
  }

  private ChdbResult insert(Session session, String head, String format, InputStream data)
      throws IOException, InterruptedException {
    ChdbConnection connection = engine.borrow();
    try {
      connection.useDatabase(session.database());
      connection.applySettings(session.settings());
      try {
        return connection.insert(head, format, data);
      } finally {
        connection.resetSettings(session.settings().keySet());
      }
    } finally {
      engine.giveBack(connection);
    }
  }

  private static ChdbException tooLarge(int length) {
    return ChdbException.of(
        ChdbException.SYNTAX_ERROR,
        "SYNTAX_ERROR",
        "Max query size exceeded: more than "
            + MAX_QUERY_BYTES
            + " bytes of query text (got at least "
            + length
            + ")");
  }

  private static InputStream decodedBody(HttpExchange exchange) throws IOException {
    InputStream body = exchange.getRequestBody();
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
      return body;
    }
    return switch (encoding.trim().toLowerCase(Locale.ROOT)) {
      case "gzip", "x-gzip" -> new GZIPInputStream(body, READ_CHUNK);
      case "deflate" -> new InflaterInputStream(body);
      default ->
          throw ChdbException.of(
              ChdbException.BAD_ARGUMENTS,
              "BAD_ARGUMENTS",
              "Content-Encoding "
                  + encoding
                  + " is not supported by the embedded ClickHouse adapter"
                  + " (gzip, deflate or none)");
    };
  }

  private static String summary(ChdbResult result) {
    return "{\"read_rows\":\""
        + result.rowsRead()
        + "\",\"read_bytes\":\""
        + result.bytesRead()
        + "\",\"written_rows\":\""
        + result.rowsWritten()
        + "\",\"written_bytes\":\""
        + result.bytesWritten()
        + "\",\"total_rows_to_read\":\""
        + result.rowsRead()
        + "\",\"result_rows\":\"0\",\"result_bytes\":\""
        + result.output().length
        + "\",\"elapsed_ns\":\""
        + (long) (result.elapsedSeconds() * 1e9)
        + "\"}";
  }

  private static String contentType(String format) {
    String lower = format.toLowerCase(Locale.ROOT);
    if (lower.startsWith("json")) {
      return "application/json; charset=UTF-8";
    }
    if (lower.startsWith("tabseparated")
        || lower.startsWith("tsv")
        || lower.startsWith("csv")
        || lower.equals("tskv")
        || lower.startsWith("pretty")
        || lower.equals("vertical")) {
      return "text/plain; charset=UTF-8";
    }
    return "application/octet-stream";
  }

  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    // -1: no body at all; 0 would announce a chunked one.
    exchange.sendResponseHeaders(status, body.length == 0 || head ? -1 : body.length);
    if (body.length > 0 && !head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static Map<String, String> parseParameters(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name =
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value =
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      parameters.put(name, value);
    }
    return parameters;
  }

  private static String firstNonBlank(String first, String second, String fallback) {
    if (first != null && !first.isBlank()) {
      return first;
    }
    if (second != null && !second.isBlank()) {
      return second;
    }
    return fallback;
  }
}
