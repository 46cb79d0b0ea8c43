package dev.boxscore.server;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The requests {@link OpenApiExamplesTest} sends for each documented answer ("METHOD path status"),
 * and the alerting objects they need.
 */
final class OpenApiExampleRequests {
  private OpenApiExampleRequests() {}

  /** The request that yields each documented answer: "METHOD path status" -> request. */
  static Map<String, Function<RequestSpecification, Response>> requests(Fixture f) {
    Map<String, Function<RequestSpecification, Response>> r = new LinkedHashMap<>();
    r.put("get /api/v1/traces 200", s -> s.auth().oauth2(f.key).get("/api/v1/traces"));
    r.put(
        "get /api/v1/traces 400",
        s -> s.auth().oauth2(f.key).queryParam("from", "yesterday").get("/api/v1/traces"));
    r.put(
        "get /api/v1/traces/{traceId} 200",
        s -> s.auth().oauth2(f.key).get("/api/v1/traces/" + f.traceId));
    r.put(
        "get /api/v1/traces/{traceId} 400", s -> s.auth().oauth2(f.key).get("/api/v1/traces/xyz"));
    r.put(
        "get /api/v1/traces/{traceId} 404",
        s -> s.auth().oauth2(f.key).get("/api/v1/traces/0af7651916cd43dd8448eb211c80319c"));
    r.put(
        "get /api/v1/traces/histogram 200",
        s ->
            s.auth().oauth2(f.key).queryParam("q", "model:gpt-4o").get("/api/v1/traces/histogram"));
    r.put(
        "get /api/v1/traces/histogram 400",
        s -> s.auth().oauth2(f.key).queryParam("q", "model: x").get("/api/v1/traces/histogram"));
    r.put(
        "get /api/v1/traces/suggest 200",
        s ->
            s.auth()
                .oauth2(f.key)
                .queryParam("key", "model")
                .queryParam("prefix", "gpt")
                .get("/api/v1/traces/suggest"));
    r.put("get /api/v1/users 200", s -> s.auth().oauth2(f.key).get("/api/v1/users"));
    r.put(
        "get /api/v1/users 400",
        s -> s.auth().oauth2(f.key).queryParam("sort", "size").get("/api/v1/users"));
    r.put("get /api/v1/users/{userId} 200", s -> s.auth().oauth2(f.key).get("/api/v1/users/4711"));
    r.put("get /api/v1/users/{userId} 404", s -> s.auth().oauth2(f.key).get("/api/v1/users/4712"));
    r.put("get /api/v1/sessions 200", s -> s.auth().oauth2(f.key).get("/api/v1/sessions"));
    r.put(
        "get /api/v1/sessions/{sessionId} 200",
        s -> s.auth().oauth2(f.key).get("/api/v1/sessions/chat-81"));
    r.put(
        "get /api/v1/sessions/{sessionId} 404",
        s -> s.auth().oauth2(f.key).get("/api/v1/sessions/chat-82"));
    r.put(
        "post /api/v1/scores 200",
        s ->
            s.auth()
                .oauth2(f.key)
                .contentType(ContentType.JSON)
                .body(
                    "{\"id\":\"eval-7f3a-helpfulness\",\"traceId\":\""
                        + f.traceId
                        + "\",\"name\":\"helpfulness\",\"value\":0.8}")
                .post("/api/v1/scores"));
    r.put(
        "post /api/v1/scores 400",
        s ->
            s.auth()
                .oauth2(f.key)
                .contentType(ContentType.JSON)
                .body("[{\"name\":\"helpfulness\",\"value\":0.8}]")
                .post("/api/v1/scores"));
    r.put("get /api/v1/scores 200", s -> scoredCall(s, f));
    r.put(
        "get /api/v1/scores 400",
        s -> s.auth().oauth2(f.key).queryParam("source", "robot").get("/api/v1/scores"));
    r.put(
        "get /api/v1/score-configs 200",
        s -> {
          created(
              f.adminKey,
              "/api/v1/score-configs",
              "{\"name\":\"resolution\",\"dataType\":\"categorical\",\"categories\":"
                  + "[{\"label\":\"resolved\",\"value\":1},{\"label\":\"escalated\",\"value\":0}],"
                  + "\"description\":\"how the conversation ended\"}",
              200,
              201);
          return s.auth().oauth2(f.key).get("/api/v1/score-configs");
        });
    r.put(
        "post /api/v1/score-configs 201",
        s ->
            s.auth()
                .oauth2(f.adminKey)
                .contentType(ContentType.JSON)
                .body(
                    "{\"name\":\"tone\",\"dataType\":\"categorical\",\"categories\":"
                        + "[{\"label\":\"warm\",\"value\":1},{\"label\":\"curt\",\"value\":0}],"
                        + "\"description\":\"how the answer sounds\"}")
                .post("/api/v1/score-configs"));
    r.put(
        "post /api/v1/score-configs 400",
        s ->
            s.auth()
                .oauth2(f.adminKey)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"latency_ok\",\"dataType\":\"numeric\",\"min\":1,\"max\":0}")
                .post("/api/v1/score-configs"));
    r.put(
        "put /api/v1/score-configs/{configId} 200",
        s -> {
          String id =
              created(
                  f.adminKey,
                  "/api/v1/score-configs",
                  "{\"name\":\"retired\",\"dataType\":\"boolean\"}",
                  201);
          return s.auth()
              .oauth2(f.adminKey)
              .contentType(ContentType.JSON)
              .body("{\"archived\":true}")
              .put("/api/v1/score-configs/" + id);
        });
    r.put("get /api/v1/views 200", s -> s.auth().oauth2(f.key).get("/api/v1/views"));
    r.put(
        "post /api/v1/views 201",
        s ->
            s.auth()
                .oauth2(f.adminKey)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"slow gpt-4o calls\",\"q\":\"model:gpt-4o latency:>2s\"}")
                .post("/api/v1/views"));
    r.put(
        "post /api/v1/views 400",
        s ->
            s.auth()
                .oauth2(f.adminKey)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"broken\",\"q\":\"model:\"}")
                .post("/api/v1/views"));
    r.put(
        "delete /api/v1/views/{viewId} 404",
        s -> s.auth().oauth2(f.adminKey).delete("/api/v1/views/view_0000000000000000"));
    evaluators(r, f);
    r.put(
        "post /api/v1/prices/preview 200",
        s ->
            s.auth()
                .oauth2(f.adminKey)
                .contentType(ContentType.JSON)
                .body(
                    "{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"input\":2,\"output\":8,\"effectiveFrom\":\"2024-01-01\"}")
                .post("/api/v1/prices/preview"));
    r.put(
        "post /api/v1/prices/preview 400",
        s ->
            s.auth()
                .oauth2(f.adminKey)
                .contentType(ContentType.JSON)
                .body(
                    "{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"input\":-1,\"output\":8,\"effectiveFrom\":\"2024-01-01\"}")
                .post("/api/v1/prices/preview"));
    r.put("get /api/v1/services 200", s -> s.auth().oauth2(f.key).get("/api/v1/services"));
    r.put("get /api/v1/models 200", s -> s.auth().oauth2(f.key).get("/api/v1/models"));
    r.put(
        "get /api/v1/metrics 200",
        s ->
            s.auth()
                .oauth2(f.key)
                .queryParam("group_by", "model")
                .queryParam("bucket", "1h")
                .get("/api/v1/metrics"));
    r.put(
        "get /api/v1/metrics 400",
        s -> s.auth().oauth2(f.key).queryParam("bucket", "7s").get("/api/v1/metrics"));
    r.put(
        "get /api/v1/compare 200",
        s ->
            s.auth()
                .oauth2(f.key)
                .queryParam("a", "gpt-4o")
                .queryParam("b", "gpt-4o-mini")
                .get("/api/v1/compare"));
    r.put(
        "get /api/v1/compare 400",
        s -> s.auth().oauth2(f.key).queryParam("a", "gpt-4o").get("/api/v1/compare"));
    r.put(
        "get /api/v1/what-if 200",
        s -> s.auth().oauth2(f.key).queryParam("model", "gpt-4o-mini").get("/api/v1/what-if"));
    r.put(
        "get /api/v1/what-if 400",
        s -> s.auth().oauth2(f.key).queryParam("model", "my-model").get("/api/v1/what-if"));
    r.put(
        "get /api/v1/drift 200",
        s -> s.auth().oauth2(f.key).queryParam("model", "gpt-4o").get("/api/v1/drift"));
    r.put("get /api/v1/drift 400", s -> s.auth().oauth2(f.key).get("/api/v1/drift"));
    r.put("get /api/v1/drift/swaps 200", s -> s.auth().oauth2(f.key).get("/api/v1/drift/swaps"));
    r.put(
        "get /api/v1/drift/swaps 400",
        s -> s.auth().oauth2(f.key).queryParam("window", "7s").get("/api/v1/drift/swaps"));
    r.put("get /api/v1/prompts 200", s -> s.auth().oauth2(f.key).get("/api/v1/prompts"));
    r.put(
        "get /api/v1/prompts 400",
        s ->
            s.auth()
                .oauth2(f.key)
                .queryParam("from", "2026-01-02T00:00:00Z")
                .queryParam("to", "2026-01-01T00:00:00Z")
                .get("/api/v1/prompts"));
    r.put(
        "get /api/v1/prompts/{fingerprint} 200",
        s -> s.auth().oauth2(f.key).get("/api/v1/prompts/a1b2c3"));
    r.put(
        "get /api/v1/prompts/{fingerprint} 400",
        s -> s.auth().oauth2(f.key).queryParam("bucket", "7s").get("/api/v1/prompts/a1b2c3"));
    r.put(
        "get /api/v1/prompts/{fingerprint} 404",
        s -> s.auth().oauth2(f.key).get("/api/v1/prompts/x"));
    r.put(
        "get /api/v1/prompts/compare 200",
        s ->
            s.auth()
                .oauth2(f.key)
                .queryParam("a_fingerprint", "a1b2c3")
                .queryParam("a_version", "v1")
                .queryParam("b_fingerprint", "a1b2c3")
                .queryParam("b_version", "v2")
                .get("/api/v1/prompts/compare"));
    r.put(
        "get /api/v1/prompts/compare 400",
        s -> s.auth().oauth2(f.key).queryParam("a_version", "v1").get("/api/v1/prompts/compare"));
    r.put("get /api/v1/prices 200", s -> s.auth().oauth2(f.key).get("/api/v1/prices"));
    r.put(
        "put /api/v1/prices 200",
        s ->
            s.auth()
                .oauth2(f.adminKey)
                .contentType(ContentType.JSON)
                .body(
                    "{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"input\":2.0,\"output\":8.0,\"effectiveFrom\":\"2026-12-01\"}")
                .put("/api/v1/prices"));
    r.put(
        "put /api/v1/prices 400",
        s ->
            s.auth()
                .oauth2(f.adminKey)
                .contentType(ContentType.JSON)
                .body(
                    "{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"input\":-1,\"output\":8.0,\"effectiveFrom\":\"2026-12-01\"}")
                .put("/api/v1/prices"));
    r.put(
        "delete /api/v1/prices 404",
        s ->
            s.auth()
                .oauth2(f.adminKey)
                .queryParam("provider", "openai")
                .queryParam("model", "gpt-9")
                .queryParam("effective_from", "2026-12-01")
                .delete("/api/v1/prices"));
    r.put(
        "delete /api/v1/prices 400",
        s ->
            s.auth()
                .oauth2(f.adminKey)
                .queryParam("provider", "openai")
                .queryParam("model", "gpt-4o")
                .queryParam("effective_from", "december")
                .delete("/api/v1/prices"));
    r.put(
        "get /api/v1/admin/project 200",
        s -> s.auth().oauth2(f.adminKey).get("/api/v1/admin/project"));
    r.put(
        "put /api/v1/admin/project 200",
        s ->
            s.auth()
                .oauth2(f.adminKey)
                .contentType(ContentType.JSON)
                .body("{\"retentionDays\":90}")
                .put("/api/v1/admin/project"));
    r.put(
        "put /api/v1/admin/project 400",
        s ->
            s.auth()
                .oauth2(f.adminKey)
                .contentType(ContentType.JSON)
                .body("{\"retentionDays\":0}")
                .put("/api/v1/admin/project"));
    r.put("get /api/v1/admin/keys 200", s -> s.auth().oauth2(f.adminKey).get("/api/v1/admin/keys"));
    r.put(
        "post /api/v1/admin/keys 201",
        s ->
            s.auth()
                .oauth2(f.adminKey)
                .contentType(ContentType.JSON)
                .body(
                    "{\"name\":\"checkout ingest\",\"scopes\":[\"ingest\"],\"requestsPerSecond\":200}")
                .post("/api/v1/admin/keys"));
    r.put(
        "post /api/v1/admin/keys 400",
        s ->
            s.auth()
                .oauth2(f.adminKey)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"scopes\":[\"root\"]}")
                .post("/api/v1/admin/keys"));
    r.put(
        "delete /api/v1/admin/keys/{keyId} 200",
        s -> s.auth().oauth2(f.adminKey).delete("/api/v1/admin/keys/" + f.revocableKeyId));
    r.put(
        "delete /api/v1/admin/keys/{keyId} 400",
        s -> s.auth().oauth2(f.adminKey).delete("/api/v1/admin/keys/nope"));
    r.put(
        "delete /api/v1/admin/keys/{keyId} 404",
        s -> s.auth().oauth2(f.adminKey).delete("/api/v1/admin/keys/key_0000000000000000"));
    r.put(
        "post /api/v1/admin/projects 201",
        s ->
            s.auth()
                .oauth2(EmbeddedInfrastructure.API_KEY)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Search team\"}")
                .post("/api/v1/admin/projects"));
    r.put(
        "post /api/v1/admin/projects 400",
        s ->
            s.auth()
                .oauth2(EmbeddedInfrastructure.API_KEY)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/admin/projects"));
    alerting(r, f);
    return r;
  }

  /**
   * Requests of the alerting operations, on the rules, channel and silence {@link Alerting} made.
   */
  private static void alerting(Map<String, Function<RequestSpecification, Response>> r, Fixture f) {
    Alerting a = f.alerting;
    r.put(
        "get /api/v1/alerts 200",
        s -> s.auth().oauth2(f.key).queryParam("state", "firing").get("/api/v1/alerts"));
    r.put(
        "get /api/v1/alerts 400",
        s -> s.auth().oauth2(f.key).queryParam("state", "burning").get("/api/v1/alerts"));
    r.put(
        "get /api/v1/alerts/status 200", s -> s.auth().oauth2(f.key).get("/api/v1/alerts/status"));
    r.put(
        "get /api/v1/alerts/events 200",
        s ->
            s.auth().oauth2(f.key).queryParam("rule", a.firingRuleId).get("/api/v1/alerts/events"));
    r.put(
        "get /api/v1/alerts/events 400",
        s -> s.auth().oauth2(f.key).queryParam("limit", "0").get("/api/v1/alerts/events"));

    r.put("get /api/v1/alerts/rules 200", s -> s.auth().oauth2(f.key).get("/api/v1/alerts/rules"));
    r.put(
        "post /api/v1/alerts/rules 201",
        s -> json(s, f.adminKey, a.rule(a.channelId)).post("/api/v1/alerts/rules"));
    r.put(
        "post /api/v1/alerts/rules 400",
        s ->
            json(
                    s,
                    f.adminKey,
                    "{\"name\":\"checkout p95 latency\",\"kind\":\"threshold\",\"metric\":\"latency_p95_ms\"}")
                .post("/api/v1/alerts/rules"));
    r.put(
        "get /api/v1/alerts/rules/{id} 200",
        s -> s.auth().oauth2(f.key).get("/api/v1/alerts/rules/" + a.firingRuleId));
    r.put(
        "get /api/v1/alerts/rules/{id} 404",
        s -> s.auth().oauth2(f.key).get("/api/v1/alerts/rules/" + UNKNOWN_RULE));
    r.put(
        "put /api/v1/alerts/rules/{id} 200",
        s ->
            json(s, f.adminKey, a.rule(a.channelId))
                .put("/api/v1/alerts/rules/" + a.editableRuleId));
    r.put(
        "put /api/v1/alerts/rules/{id} 400",
        s ->
            json(s, f.adminKey, a.rule(a.channelId).replace("\"op\":\">\"", "\"op\":\"=\""))
                .put("/api/v1/alerts/rules/" + a.editableRuleId));
    r.put(
        "put /api/v1/alerts/rules/{id} 404",
        s -> json(s, f.adminKey, a.rule(null)).put("/api/v1/alerts/rules/" + UNKNOWN_RULE));
    r.put(
        "delete /api/v1/alerts/rules/{id} 404",
        s -> s.auth().oauth2(f.adminKey).delete("/api/v1/alerts/rules/" + UNKNOWN_RULE));
    r.put(
        "post /api/v1/alerts/rules/{id}/backtest 200",
        s -> s.auth().oauth2(f.key).post("/api/v1/alerts/rules/" + a.firingRuleId + "/backtest"));
    r.put(
        "post /api/v1/alerts/rules/{id}/backtest 400",
        s ->
            s.auth()
                .oauth2(f.key)
                .queryParam("from", "2026-10-01T00:00:00Z")
                .queryParam("to", "2026-12-01T00:00:00Z")
                .post("/api/v1/alerts/rules/" + a.firingRuleId + "/backtest"));
    r.put(
        "post /api/v1/alerts/rules/{id}/backtest 404",
        s -> s.auth().oauth2(f.key).post("/api/v1/alerts/rules/" + UNKNOWN_RULE + "/backtest"));
    r.put(
        "post /api/v1/alerts/rules/backtest 200",
        s -> json(s, f.key, a.rule(null)).post("/api/v1/alerts/rules/backtest"));
    r.put(
        "post /api/v1/alerts/rules/backtest 400",
        s ->
            json(
                    s,
                    f.key,
                    "{\"name\":\"checkout p95 latency\",\"kind\":\"threshold\",\"metric\":\"latency_p95_ms\"}")
                .post("/api/v1/alerts/rules/backtest"));

    r.put(
        "get /api/v1/alerts/channels 200",
        s -> s.auth().oauth2(f.key).get("/api/v1/alerts/channels"));
    r.put(
        "post /api/v1/alerts/channels 201",
        s ->
            json(
                    s,
                    f.adminKey,
                    "{\"name\":\"ops webhook\",\"type\":\"webhook\",\"url\":\"https://hooks.example.com/alerts\"}")
                .post("/api/v1/alerts/channels"));
    r.put(
        "post /api/v1/alerts/channels 400",
        s ->
            json(s, f.adminKey, "{\"name\":\"ops\",\"type\":\"email\"}")
                .post("/api/v1/alerts/channels"));
    r.put(
        "delete /api/v1/alerts/channels/{id} 404",
        s -> s.auth().oauth2(f.adminKey).delete("/api/v1/alerts/channels/" + UNKNOWN_CHANNEL));
    r.put(
        "post /api/v1/alerts/channels/{id}/test 200",
        s -> s.auth().oauth2(f.adminKey).post("/api/v1/alerts/channels/" + a.channelId + "/test"));
    r.put(
        "post /api/v1/alerts/channels/{id}/test 404",
        s ->
            s.auth()
                .oauth2(f.adminKey)
                .post("/api/v1/alerts/channels/" + UNKNOWN_CHANNEL + "/test"));

    r.put(
        "get /api/v1/alerts/silences 200",
        s -> s.auth().oauth2(f.key).get("/api/v1/alerts/silences"));
    r.put(
        "post /api/v1/alerts/silences 201",
        s -> json(s, f.adminKey, Alerting.silence()).post("/api/v1/alerts/silences"));
    r.put(
        "post /api/v1/alerts/silences 400",
        s ->
            json(s, f.adminKey, "{\"matchers\":[],\"endsAt\":\"2035-03-02T02:00:00Z\"}")
                .post("/api/v1/alerts/silences"));
    r.put(
        "delete /api/v1/alerts/silences/{id} 404",
        s -> s.auth().oauth2(f.adminKey).delete("/api/v1/alerts/silences/sil_000000000000"));

    // Changes need an admin key: a key that may read is refused by the endpoint itself.
    for (String[] change :
        List.of(
            new String[] {"post", "/api/v1/alerts/rules"},
            new String[] {"put", "/api/v1/alerts/rules/{id}", a.editableRuleId},
            new String[] {"delete", "/api/v1/alerts/rules/{id}", a.editableRuleId},
            new String[] {"post", "/api/v1/alerts/channels"},
            new String[] {"delete", "/api/v1/alerts/channels/{id}", a.channelId},
            new String[] {"post", "/api/v1/alerts/channels/{id}/test", a.channelId},
            new String[] {"post", "/api/v1/alerts/silences"},
            new String[] {"delete", "/api/v1/alerts/silences/{id}", a.silenceId})) {
      String concrete = change.length == 2 ? change[1] : change[1].replace("{id}", change[2]);
      r.put(
          change[0] + " " + change[1] + " 403",
          s -> json(s, f.key, "{}").request(change[0], concrete));
    }
  }

  /** A disabled evaluator (it judges nothing while the test runs), for the requests on one. */
  private static final String EVALUATOR =
      "{\"name\":\"examples judge\",\"template\":\"Rate {{output}}\",\"judgeKind\":\"openai\","
          + "\"baseUrl\":\"http://127.0.0.1:9/v1\",\"model\":\"sim-judge\",\"apiKey\":\"sk-x\","
          + "\"dailyBudgetUsd\":1,\"enabled\":false}";

  private static void evaluators(
      Map<String, Function<RequestSpecification, Response>> r, Fixture f) {
    r.put("get /api/v1/evaluators 200", s -> s.auth().oauth2(f.key).get("/api/v1/evaluators"));
    r.put(
        "post /api/v1/evaluators 201",
        s -> json(s, f.adminKey, EVALUATOR).post("/api/v1/evaluators"));
    r.put(
        "post /api/v1/evaluators 400",
        s ->
            json(s, f.adminKey, EVALUATOR.replace("\"enabled\":false", "\"samplingRate\":0"))
                .post("/api/v1/evaluators"));
    r.put(
        "get /api/v1/evaluators/{id} 200",
        s -> s.auth().oauth2(f.key).get("/api/v1/evaluators/" + evaluator(f)));
    r.put(
        "get /api/v1/evaluators/{id} 404",
        s -> s.auth().oauth2(f.key).get("/api/v1/evaluators/eval_0000000000000000"));
    r.put(
        "put /api/v1/evaluators/{id} 200",
        s ->
            json(s, f.adminKey, "{\"samplingRate\":0.5}")
                .put("/api/v1/evaluators/" + evaluator(f)));
    r.put(
        "put /api/v1/evaluators/{id} 400",
        s ->
            json(s, f.adminKey, "{\"baseUrl\":\"judge.example.com\"}")
                .put("/api/v1/evaluators/" + evaluator(f)));
    r.put(
        "delete /api/v1/evaluators/{id} 404",
        s -> s.auth().oauth2(f.adminKey).delete("/api/v1/evaluators/eval_0000000000000000"));
  }

  /** A new evaluator's id. */
  private static String evaluator(Fixture f) {
    return json(io.restassured.RestAssured.given(), f.adminKey, EVALUATOR)
        .post("/api/v1/evaluators")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static RequestSpecification json(RequestSpecification s, String key, String body) {
    return s.auth().oauth2(key).contentType(ContentType.JSON).body(body);
  }

  private static final String UNKNOWN_RULE = "rul_000000000000";
  private static final String UNKNOWN_CHANNEL = "chn_000000000000";

  /**
   * What the alerting examples need: a channel on a local receiver (so its test notification is
   * delivered), a rule that fires on the fixture's one call, one to replace and a silence. Every
   * rule has the labels and annotations the examples show, so the examples hold whichever rule is
   * listed first.
   */
  record Alerting(String channelId, String firingRuleId, String editableRuleId, String silenceId) {
    static Alerting create(String adminKey, String receiverUrl) {
      String channelId =
          created(
              adminKey,
              "/api/v1/alerts/channels",
              "{\"name\":\"ops webhook\",\"type\":\"webhook\",\"url\":\""
                  + receiverUrl
                  + "\",\"groupWait\":\"30s\"}");
      // Fires as soon as it is evaluated: the fixture's trace is one gpt-4o call of checkout.
      String firing =
          created(
              adminKey,
              "/api/v1/alerts/rules",
              """
              {"name":"checkout traffic","kind":"threshold","filter":{"service":"checkout"},
              "groupBy":["model"],"metric":"calls","window":"5m","op":">=","threshold":1,
              "interval":"10s","severity":"critical","labels":{"team":"payments"},
              "annotations":{"summary":"Checkout has traffic","runbook_url":"https://wiki.example.com/runbooks/checkout"}}""");
      String editable = created(adminKey, "/api/v1/alerts/rules", rule(channelId));
      String silence = created(adminKey, "/api/v1/alerts/silences", silence());
      return new Alerting(channelId, firing, editable, silence);
    }

    /** The examples' rule (its threshold out of reach of the fixture's traffic). */
    static String rule(String channelId) {
      return """
          {"name":"checkout p95 latency","kind":"threshold","filter":{"service":"checkout"},
          "groupBy":["model"],"metric":"latency_p95_ms","window":"10m","op":">","threshold":2000,
          "warnThreshold":1500,"minCalls":20,"for":"10m","severity":"critical",
          "labels":{"team":"payments"},
          "annotations":{"summary":"Checkout is slow","runbook_url":"https://wiki.example.com/runbooks/checkout-latency"},
          "channels":[%s]}"""
          .formatted(channelId == null ? "" : "\"" + channelId + "\"");
    }

    static String silence() {
      return """
          {"matchers":[{"name":"alertname","value":"checkout p95 latency","isRegex":false,"isEqual":true}],
          "endsAt":"%s","comment":"deploying checkout 2.14","createdBy":"alice"}"""
          .formatted(java.time.Instant.now().plus(java.time.Duration.ofHours(2)));
    }

    private static String created(String adminKey, String path, String body) {
      return given()
          .auth()
          .oauth2(adminKey)
          .contentType(ContentType.JSON)
          .body(body)
          .post(path)
          .then()
          .statusCode(201)
          .extract()
          .path("id");
    }
  }

  /** A score of the fixture's LLM call, with comment and author, once attributed to its call. */
  private static Response scoredCall(RequestSpecification s, Fixture f) {
    String spanId =
        given()
            .auth()
            .oauth2(f.key)
            .get("/api/v1/traces/" + f.traceId)
            .path("spans.find { it.llm != null }.spanId");
    given()
        .auth()
        .oauth2(f.key)
        .contentType(ContentType.JSON)
        .body(
            "{\"id\":\"eval-7f3a-call\",\"traceId\":\""
                + f.traceId
                + "\",\"spanId\":\""
                + spanId
                + "\",\"name\":\"helpfulness\",\"value\":0.8,\"comment\":"
                + "\"answers the question\",\"author\":\"nightly-evals\"}")
        .post("/api/v1/scores")
        .then()
        .statusCode(200);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                given()
                        .auth()
                        .oauth2(f.key)
                        .queryParam("trace_id", f.traceId)
                        .queryParam("name", "helpfulness")
                        .get("/api/v1/scores")
                        .path("scores.find { it.id == 'eval-7f3a-call' }.call")
                    != null);
    return s.auth().oauth2(f.key).queryParam("trace_id", f.traceId).get("/api/v1/scores");
  }

  /** Creates a score config (or finds the same one: 200) and answers its id. */
  private static String created(String adminKey, String path, String body, int... statuses) {
    Response answer =
        given().auth().oauth2(adminKey).contentType(ContentType.JSON).body(body).post(path);
    assertStatus(answer, statuses);
    return answer.path("id");
  }

  private static void assertStatus(Response answer, int... statuses) {
    for (int status : statuses) {
      if (answer.statusCode() == status) {
        return;
      }
    }
    throw new AssertionError("answered " + answer.statusCode() + ": " + answer.asString());
  }

  record Fixture(
      String adminKey, String key, String traceId, String revocableKeyId, Alerting alerting) {}
}
