package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import dev.boxscore.collector.CollectorRole;
import io.grpc.ManagedChannel;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 10,000+ malformed or mutated OTLP requests (protobuf and JSON over HTTP, protobuf over gRPC; four
 * clients at once, each on a fixed seed), with valid traces sent in between: every answer is a
 * success or a 4xx with a message, the server stays up without leaking, and every valid trace is
 * stored.
 */
@QuarkusTest
class FuzzTest {
  static final long SEED = 20261128L;
  static final int PAYLOADS = Integer.getInteger("boxscore.fuzz.payloads", 10_000);
  private static final int CLIENTS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFormat.Printer PROTOBUF_JSON = JsonFormat.printer();

  @Inject CollectorRole collector;

  @Test
  void malformedAndMutatedRequestsGetAnAnswerAndValidOnesAreStored() throws Exception {
    Projects.Created project = Projects.create("fuzz-" + UUID.randomUUID());
    String key = Projects.key(project.adminKey(), List.of("ingest", "read"), 1_000_000)[0];
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

    Map<String, Integer> valid = new ConcurrentHashMap<>();
    Map<String, Integer> answers = new ConcurrentSkipListMap<>();
    ManagedChannel channel = OtlpRequests.channel(collector.grpcPort());
    // Several clients at once, as several services would send; each on a seed of its own, so a
    // failure names the seed and the payload index that reproduce it.
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Callable<Void>> runs = new ArrayList<>();
      for (int client = 0; client < CLIENTS; client++) {
        long seed = SEED + client;
        int payloads = PAYLOADS / CLIENTS + (client < PAYLOADS % CLIENTS ? 1 : 0);
        runs.add(
            () -> {
              fuzz(seed, payloads, channel, key, valid, answers);
              return null;
            });
      }
      for (Future<Void> run : clients.invokeAll(runs)) {
        try {
          run.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Error error ? error : new AssertionError(e.getCause());
        }
      }
    } finally {
      clients.shutdownNow();
      clients.awaitTermination(30, TimeUnit.SECONDS);
      channel.shutdownNow();
    }
    System.out.println("fuzz answers (seeds " + SEED + " + 0.." + (CLIENTS - 1) + "): " + answers);
    assertThat(answers.values().stream().mapToInt(Integer::intValue).sum())
        .as("mutated payloads sent")
        .isEqualTo(PAYLOADS);
    assertThat(answers.keySet())
        .allMatch(a -> a.equals("ok") || a.startsWith("http 4") || a.startsWith("grpc "));

    Map<String, Integer> notStoredYet = new ConcurrentHashMap<>(valid);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              notStoredYet
                  .entrySet()
                  .removeIf(trace -> stored(key, trace.getKey(), trace.getValue()));
              assertThat(notStoredYet).as("valid traces not stored (trace id: spans)").isEmpty();
            });
    given().get("/q/health/ready").then().statusCode(200);
    // No thread per bad request left behind.
    assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThan(threadsBefore + 40);
  }

  /**
   * One client: {@code payloads} mutated requests from {@code seed}, over the three transports in
   * turn, with a valid request every 50th.
   */
  private void fuzz(
      long seed,
      int payloads,
      ManagedChannel channel,
      String key,
      Map<String, Integer> valid,
      Map<String, Integer> answers)
      throws Exception {
    Random random = new Random(seed);
    for (int i = 0, mutated = 0; mutated < payloads; i++) {
      int transport = i % 3;
      try {
        if (i % 50 == 0) {
          ExportTraceServiceRequest request = validRequest(random);
          String traceId =
              HexFormat.of()
                  .formatHex(
                      request
                          .getResourceSpans(0)
                          .getScopeSpans(0)
                          .getSpans(0)
                          .getTraceId()
                          .toByteArray());
          String answer = send(channel, key, transport, request.toByteArray(), json(request));
          assertThat(answer).as("valid request").isEqualTo("ok");
          valid.put(traceId, request.getResourceSpans(0).getScopeSpans(0).getSpansCount());
          continue;
        }
        mutated++;
        ExportTraceServiceRequest base = validRequest(random);
        byte[] protobuf = transport == 1 ? null : mutate(random, base.toByteArray());
        byte[] json =
            transport == 1
                ? mutateJson(random, new String(json(base), StandardCharsets.UTF_8))
                : null;
        String answer = send(channel, key, transport, protobuf, json);
        answers.merge(answer, 1, Integer::sum);
      } catch (Exception | AssertionError e) {
        throw new AssertionError(
            "seed " + seed + ", request " + i + " (transport " + transport + "): " + e.getMessage(),
            e);
      }
    }
  }

  private static boolean stored(String key, String traceId, int spans) {
    Response trace = given().auth().oauth2(key).get("/api/v1/traces/" + traceId);
    return trace.statusCode() == 200 && trace.jsonPath().getList("spans").size() == spans;
  }

  /** Sends and classifies the answer: "ok", "http 4xx", "grpc CODE"; fails on anything else. */
  private String send(
      ManagedChannel channel, String key, int transport, byte[] protobuf, byte[] json)
      throws Exception {
    if (transport == 2) {
      io.grpc.Status status = OtlpRequests.grpc(channel, key, protobuf);
      if (status.isOk()) {
        return "ok";
      }
      assertThat(status.getCode())
          .as("gRPC answer %s", status)
          .isIn(io.grpc.Status.Code.INVALID_ARGUMENT, io.grpc.Status.Code.RESOURCE_EXHAUSTED);
      assertThat(status.getDescription()).isNotBlank();
      return "grpc " + status.getCode();
    }
    boolean isJson = transport == 1;
    HttpResponse<byte[]> r;
    try {
      r =
          OtlpRequests.post(
              collector.httpPort(),
              key,
              isJson ? "application/json" : "application/x-protobuf",
              isJson ? json : protobuf);
    } catch (java.io.UncheckedIOException e) {
      // Keep the payload that got no answer, for the report and a regression test.
      java.nio.file.Files.write(
          java.nio.file.Path.of("target", "fuzz-no-answer.bin"), isJson ? json : protobuf);
      for (var t : Thread.getAllStackTraces().entrySet()) {
        if (t.getKey().getName().contains("worker") || t.getKey().getName().contains("executor")) {
          System.out.println(
              "THREAD " + t.getKey().getName() + " " + java.util.Arrays.toString(t.getValue()));
        }
      }
      throw e;
    }
    if (r.statusCode() == 200) {
      return "ok";
    }
    assertThat(r.statusCode()).as("HTTP answer").isBetween(400, 499);
    String message =
        isJson
            ? JSON.readTree(r.body()).path("message").asText()
            : Status.parseFrom(r.body()).getMessage();
    assertThat(message).as("message of a %d", r.statusCode()).isNotBlank();
    return "http " + r.statusCode();
  }

  private static ExportTraceServiceRequest validRequest(Random random) {
    byte[] traceId = new byte[16];
    random.nextBytes(traceId);
    traceId[0] |= 1;
    String hex = HexFormat.of().formatHex(traceId);
    ExportTraceServiceRequest.Builder b =
        OtlpRequests.spanOf(hex, "fuzz", "root " + random.nextInt()).toBuilder();
    var scope = b.getResourceSpansBuilder(0).getScopeSpansBuilder(0);
    Span root = scope.getSpans(0);
    scope.setSpans(
        0,
        root.toBuilder()
            .addAttributes(OtlpRequests.attr("gen_ai.request.model", "gpt-4o-mini"))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("gen_ai.usage.input_tokens")
                    .setValue(AnyValue.newBuilder().setIntValue(random.nextInt(10_000))))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("list")
                    .setValue(
                        AnyValue.newBuilder()
                            .setArrayValue(
                                ArrayValue.newBuilder()
                                    .addValues(
                                        AnyValue.newBuilder()
                                            .setDoubleValue(random.nextDouble())))))
            .addEvents(
                Span.Event.newBuilder()
                    .setName("gen_ai.content.prompt")
                    .setTimeUnixNano(root.getStartTimeUnixNano())
                    .addAttributes(
                        OtlpRequests.attr("gen_ai.prompt", "hello " + random.nextInt()))));
    int children = 1 + random.nextInt(3);
    for (int c = 0; c < children; c++) {
      byte[] spanId = new byte[8];
      random.nextBytes(spanId);
      spanId[0] |= 1;
      scope.addSpans(
          root.toBuilder()
              .clearAttributes()
              .clearEvents()
              .setName("child " + c)
              .setSpanId(ByteString.copyFrom(spanId))
              .setParentSpanId(root.getSpanId()));
    }
    return b.build();
  }

  private static byte[] mutate(Random random, byte[] valid) {
    byte[] b = valid.clone();
    switch (random.nextInt(7)) {
      case 0 -> { // flip bytes
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++)
          b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        return b;
      }
      case 1 -> { // truncate
        return java.util.Arrays.copyOf(b, random.nextInt(b.length));
      }
      case 2 -> { // random garbage
        byte[] g = new byte[random.nextInt(512)];
        random.nextBytes(g);
        return g;
      }
      case 3 -> { // insert random bytes
        int at = random.nextInt(b.length);
        byte[] ins = new byte[1 + random.nextInt(16)];
        random.nextBytes(ins);
        byte[] out = new byte[b.length + ins.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(ins, 0, out, at, ins.length);
        System.arraycopy(b, at, out, at + ins.length, b.length - at);
        return out;
      }
      case 4 -> { // overwrite a byte with a huge varint prefix
        int at = random.nextInt(b.length);
        for (int i = at; i < Math.min(b.length, at + 5); i++) b[i] = (byte) 0xFF;
        return b;
      }
      case 5 -> { // deeply nested kvlist (recursion limit)
        AnyValue v = AnyValue.newBuilder().setStringValue("leaf").build();
        for (int i = 0; i < 200 + random.nextInt(300); i++) {
          v =
              AnyValue.newBuilder()
                  .setKvlistValue(
                      io.opentelemetry.proto.common.v1.KeyValueList.newBuilder()
                          .addValues(KeyValue.newBuilder().setKey("k").setValue(v)))
                  .build();
        }
        try {
          ExportTraceServiceRequest.Builder r =
              ExportTraceServiceRequest.parseFrom(valid).toBuilder();
          r.getResourceSpansBuilder(0)
              .getScopeSpansBuilder(0)
              .getSpansBuilder(0)
              .addAttributes(KeyValue.newBuilder().setKey("deep").setValue(v));
          return r.build().toByteArray();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      default -> { // duplicate a slice
        int from = random.nextInt(b.length);
        int len = Math.min(b.length - from, 1 + random.nextInt(64));
        byte[] out = java.util.Arrays.copyOf(b, b.length + len);
        System.arraycopy(b, from, out, b.length, len);
        return out;
      }
    }
  }

  private static final String[] JSON_TOKENS = {
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "\\",
    "null",
    "true",
    "-1",
    "1e999",
    "99999999999999999999999",
    "\"zz\"",
    "\"traceId\":\"xyz\"",
    "\"spanId\":123",
    "\u0000",
    "\uD800",
    "NaN",
    "\"startTimeUnixNano\":\"-5\"",
    "[[[[[[[[",
    "'"
  };

  private static byte[] mutateJson(Random random, String valid) {
    StringBuilder s = new StringBuilder(valid);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(5)) {
        case 0 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(20)));
        case 1 -> s.insert(at, JSON_TOKENS[random.nextInt(JSON_TOKENS.length)]);
        case 2 -> s.setCharAt(at, (char) random.nextInt(128));
        case 3 -> s.insert(at, "[".repeat(2000 + random.nextInt(3000)));
        default -> {
          // a value of the wrong type in place of a string value
          int q = s.indexOf("\"stringValue\":\"", at);
          if (q >= 0)
            s.replace(
                q,
                q + 15,
                "\"stringValue\":" + (random.nextBoolean() ? "{\"a\":" : "12345,\"x\":\""));
        }
      }
      if (s.length() == 0) break;
    }
    byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(10) == 0 && bytes.length > 0) {
      bytes[random.nextInt(bytes.length)] = (byte) 0xC3; // invalid UTF-8 now and then
    }
    return bytes;
  }

  /** OTLP/JSON of a request: protobuf's JSON with hex ids, as OTLP/JSON wants. */
  static byte[] json(ExportTraceServiceRequest request) throws Exception {
    com.fasterxml.jackson.databind.JsonNode root = JSON.readTree(PROTOBUF_JSON.print(request));
    hexIds(root);
    return JSON.writeValueAsBytes(root);
  }

  private static void hexIds(com.fasterxml.jackson.databind.JsonNode node) {
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      for (String field : List.of("traceId", "spanId", "parentSpanId")) {
        if (o.hasNonNull(field) && o.get(field).isTextual()) {
          o.put(
              field,
              HexFormat.of()
                  .formatHex(java.util.Base64.getDecoder().decode(o.get(field).asText())));
        }
      }
      List<com.fasterxml.jackson.databind.JsonNode> children = new ArrayList<>();
      o.elements().forEachRemaining(children::add);
      children.forEach(FuzzTest::hexIds);
    } else if (node != null && node.isArray()) {
      node.forEach(FuzzTest::hexIds);
    }
  }
}
