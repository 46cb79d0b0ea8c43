package dev.boxscore.embedded.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The HTTP interface as a client sees it on the wire. */
class HttpProtocolTest {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(String pathAndQuery, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        SharedClickHouse.request(pathAndQuery).POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(
        SharedClickHouse.request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aStatementWithoutTheCredentialIsRefusedAndPingStaysOpen() throws Exception {
    EmbeddedClickHouse clickHouse = SharedClickHouse.get();
    HttpRequest.Builder anonymous =
        HttpRequest.newBuilder(URI.create(clickHouse.url() + "/"))
            .POST(HttpRequest.BodyPublishers.ofString("SELECT 'secret'"));
    HttpResponse<String> refused =
        http.send(anonymous.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("516");
    assertThat(refused.body()).contains("AUTHENTICATION_FAILED").doesNotContain("secret");

    HttpResponse<String> wrong =
        http.send(
            HttpRequest.newBuilder(URI.create(clickHouse.url() + "/"))
                .header(
                    "Authorization",
                    "Basic "
                        + java.util.Base64.getEncoder()
                            .encodeToString(
                                (clickHouse.username() + ":nope").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 'secret'"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(401);
    HttpResponse<String> query =
        http.send(
            HttpRequest.newBuilder(URI.create(clickHouse.url() + "/?query=SELECT%20%27secret%27"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(query.statusCode()).as("GET ?query= needs it too").isEqualTo(401);

    HttpResponse<String> byHeaders =
        http.send(
            HttpRequest.newBuilder(URI.create(clickHouse.url() + "/"))
                .header("X-ClickHouse-User", clickHouse.username())
                .header("X-ClickHouse-Key", clickHouse.password())
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 'secret'"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(byHeaders.body()).isEqualTo("secret\n");
    HttpResponse<String> byParameters =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        clickHouse.url()
                            + "/?user="
                            + clickHouse.username()
                            + "&password="
                            + clickHouse.password()))
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 'secret'"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(byParameters.body()).isEqualTo("secret\n");

    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(clickHouse.url() + "/ping")).GET().build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aRequestForAnotherHostIsRefusedEvenWithTheCredential() throws Exception {
    // What a web page reaching the port through DNS rebinding sends: its own name as Host.
    java.net.Socket socket = new java.net.Socket("127.0.0.1", SharedClickHouse.get().port());
    try (socket) {
      String auth =
          java.util.Base64.getEncoder()
              .encodeToString(
                  (SharedClickHouse.get().username() + ":" + SharedClickHouse.get().password())
                      .getBytes(StandardCharsets.UTF_8));
      String body = "SELECT 1";
      socket
          .getOutputStream()
          .write(
              ("POST / HTTP/1.1\r\nHost: attacker.example:8123\r\nAuthorization: Basic "
                      + auth
                      + "\r\nContent-Length: "
                      + body.length()
                      + "\r\nConnection: close\r\n\r\n"
                      + body)
                  .getBytes(StandardCharsets.UTF_8));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 403");
    }
  }

  @Test
  void pingAndRootAnswerOk() throws Exception {
    assertThat(get("/ping").body()).isEqualTo("Ok.\n");
    assertThat(get("/").body()).isEqualTo("Ok.\n");
    assertThat(get("/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void queryAnswersWithTheHeadersClientsRead() throws Exception {
    HttpResponse<String> response =
        post("/?query_id=q-123", "SELECT 1 + 1", "X-ClickHouse-Format", "JSONEachRow");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"plus(1, 1)\":2}\n");
    assertThat(response.headers().firstValue("X-ClickHouse-Query-Id")).hasValue("q-123");
    assertThat(response.headers().firstValue("X-ClickHouse-Format")).hasValue("JSONEachRow");
    assertThat(response.headers().firstValue("X-ClickHouse-Timezone")).hasValue("UTC");
    assertThat(response.headers().firstValue("X-ClickHouse-Server-Display-Name")).isPresent();
    assertThat(response.headers().firstValue("X-ClickHouse-Summary"))
        .hasValueSatisfying(summary -> assertThat(summary).contains("\"read_rows\":\"1\""));
  }

  @Test
  void formatClauseInTheQueryWinsOverTheDefaultFormat() throws Exception {
    HttpResponse<String> response =
        post("/?default_format=JSONEachRow", "SELECT 3 AS n FORMAT CSVWithNames");

    assertThat(response.body()).isEqualTo("\"n\"\n3\n");
    assertThat(response.headers().firstValue("X-ClickHouse-Format")).hasValue("CSVWithNames");
  }

  @Test
  void getWithQueryParameterAndBoundParameters() throws Exception {
    String query = URLEncoder.encode("SELECT {a:UInt8} + 1, {s:String}", StandardCharsets.UTF_8);
    // Parameter values use the server's escaped text form: a newline is written \n.
    String value = URLEncoder.encode("x\\ty\\n\\nz", StandardCharsets.UTF_8);

    HttpResponse<String> response = get("/?query=" + query + "&param_a=41&param_s=" + value);

    assertThat(response.body()).isEqualTo("42\tx\\ty\\n\\nz\n");
  }

  @Test
  void errorsCarryTheCodeInStatusHeaderAndBody() throws Exception {
    HttpResponse<String> syntax = post("/", "SELEC 1");
    HttpResponse<String> unknownTable = post("/", "SELECT * FROM no_such_table");

    assertThat(syntax.statusCode()).isEqualTo(400);
    assertThat(syntax.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("62");
    assertThat(syntax.body()).startsWith("Code: 62. DB::Exception:");
    assertThat(unknownTable.statusCode()).isEqualTo(404);
    assertThat(unknownTable.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("60");
  }

  @Test
  void multipleStatementsAreRejectedLikeTheServerDoes() throws Exception {
    HttpResponse<String> response = post("/", "SELECT 1; SELECT 2");
    HttpResponse<String> trailingSemicolon = post("/", "SELECT ';' AS s; -- fine\n");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Multi-statements are not allowed");
    assertThat(trailingSemicolon.statusCode()).isEqualTo(200);
    assertThat(trailingSemicolon.body()).isEqualTo(";\n");
  }

  @Test
  void emptyAndOversizedQueriesAreRejected() throws Exception {
    HttpResponse<String> empty = post("/", "  ");
    HttpResponse<String> oversized =
        post("/", "SELECT '" + "x".repeat(ClickHouseHttpHandler.MAX_QUERY_BYTES) + "'");

    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("Empty query");
    assertThat(oversized.statusCode()).isEqualTo(400);
    assertThat(oversized.body()).contains("Max query size exceeded");
    assertThat(post("/", "SELECT 1").body()).isEqualTo("1\n"); // the adapter still serves
  }

  @Test
  void nativeCompressionIsRefusedWithAClearMessage() throws Exception {
    HttpResponse<String> response = post("/?compress=1", "SELECT 1");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("compress=1").contains("turn compression off");
  }

  @Test
  void gzipRequestBodiesAreDecoded() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write("SELECT 'zipped'".getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<String> response =
        http.send(
            SharedClickHouse.request("/")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(compressed.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.body()).isEqualTo("zipped\n");
  }

  @Test
  void insertWithValuesInTheQueryParameterAndDataSpanningManyChunks() throws Exception {
    post("/", "CREATE TABLE http_values (id UInt32, s String) ENGINE = MergeTree ORDER BY id");
    String insert =
        URLEncoder.encode("INSERT INTO http_values (id, s) VALUES", StandardCharsets.UTF_8);
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      values.append("(").append(i).append(", 'row ").append(i).append("\n\nstill data'),");
    }

    HttpResponse<String> response = post("/?query=" + insert, values.toString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(
            post("/", "SELECT count(), countIf(s LIKE '%\\n\\nstill data') FROM http_values")
                .body())
        .isEqualTo("20000\t20000\n");
  }

  @Test
  void settingsInTheUrlApplyToThatRequestOnly() throws Exception {
    String query =
        "SELECT getSetting('max_result_rows'), getSetting('output_format_json_quote_64bit_integers')";
    HttpResponse<String> before = post("/", query);

    HttpResponse<String> withSettings =
        post("/?max_result_rows=12345&output_format_json_quote_64bit_integers=1", query);
    HttpResponse<String> after = post("/", query);
    HttpResponse<String> unknown = post("/?no_such_setting=1", "SELECT 1");

    assertThat(before.body()).isEqualTo("0\tfalse\n");
    assertThat(withSettings.body()).isEqualTo("12345\ttrue\n");
    assertThat(after.body()).isEqualTo(before.body());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("115");
    assertThat(post("/?session_timezone=Asia%2FTokyo", "SELECT timezone()").body())
        .isEqualTo("Asia/Tokyo\n");
    assertThat(post("/", "SELECT timezone()").body()).isEqualTo("UTC\n");
  }
}
