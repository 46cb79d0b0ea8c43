package dev.boxscore.loadgen;

import static dev.boxscore.model.semconv.BoxscoreAttributes.PROMPT_FINGERPRINT;
import static dev.boxscore.model.semconv.BoxscoreAttributes.PROMPT_VERSION;
import static dev.boxscore.model.semconv.GenAiAttributes.ERROR_TYPE;
import static dev.boxscore.model.semconv.GenAiAttributes.INPUT_MESSAGES;
import static dev.boxscore.model.semconv.GenAiAttributes.OPERATION_NAME;
import static dev.boxscore.model.semconv.GenAiAttributes.OP_CHAT;
import static dev.boxscore.model.semconv.GenAiAttributes.OUTPUT_MESSAGES;
import static dev.boxscore.model.semconv.GenAiAttributes.PROVIDER_NAME;
import static dev.boxscore.model.semconv.GenAiAttributes.REQUEST_MODEL;
import static dev.boxscore.model.semconv.GenAiAttributes.REQUEST_STREAM;
import static dev.boxscore.model.semconv.GenAiAttributes.RESPONSE_FINISH_REASONS;
import static dev.boxscore.model.semconv.GenAiAttributes.RESPONSE_ID;
import static dev.boxscore.model.semconv.GenAiAttributes.RESPONSE_MODEL;
import static dev.boxscore.model.semconv.GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK;
import static dev.boxscore.model.semconv.GenAiAttributes.SERVICE_NAME;
import static dev.boxscore.model.semconv.GenAiAttributes.USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.boxscore.model.semconv.GenAiAttributes.USAGE_INPUT_TOKENS;
import static dev.boxscore.model.semconv.GenAiAttributes.USAGE_OUTPUT_TOKENS;
import static dev.boxscore.model.semconv.GenAiAttributes.USAGE_REASONING_OUTPUT_TOKENS;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Realistic traces of LLM call chains: an HTTP server root span, an agent span, LLM chat calls
 * (half of them streamed, with time to first chunk), tool, retrieval and database spans, 1 to 20
 * spans a trace. About 2 % of the LLM, tool and database spans fail.
 *
 * <p>Batch {@code i} is a pure function of the seed, the run id, {@code i} and the end time given:
 * the same seed gives the same ids, shapes and values whichever connection sends the batch.
 */
final class TraceGenerator {
  static final int MAX_SPANS_PER_TRACE = 20;
  static final String SCOPE = "dev.boxscore.loadgen";
  private static final HexFormat HEX = HexFormat.of();
  private static final String[] ROUTES = {"/v1/chat", "/v1/search", "/v1/summarize", "/v1/review"};
  private static final String[] TOOLS = {
    "lookup_order", "get_weather", "create_ticket", "search_docs", "run_sql", "send_email"
  };
  private static final String[] TABLES = {"orders", "customers", "tickets", "invoices"};
  private static final String[] DB_OPERATIONS = {"SELECT", "SELECT", "SELECT", "UPDATE", "INSERT"};
  private static final String[] LLM_ERRORS = {"429", "500", "java.net.SocketTimeoutException"};

  private final long seed;
  private final int contentBytes;
  private final List<Resource> resources;
  private final InstrumentationScope scope =
      InstrumentationScope.newBuilder().setName(SCOPE).setVersion("1.0").build();

  TraceGenerator(RunNames names, long seed, int contentBytes) {
    if (contentBytes < 0) {
      throw new IllegalArgumentException("content bytes must be 0 or more, got " + contentBytes);
    }
    this.seed = seed ^ (long) names.runId().hashCode() * 0x9E3779B97F4A7C15L;
    this.contentBytes = contentBytes;
    List<Resource> rs = new ArrayList<>();
    for (int i = 0; i < names.services().size(); i++) {
      rs.add(
          Resource.newBuilder()
              .addAttributes(str(SERVICE_NAME, names.services().get(i)))
              .addAttributes(str(OtelKeys.SERVICE_VERSION, "1." + i + ".0"))
              .addAttributes(str(OtelKeys.SERVICE_INSTANCE_ID, names.runId() + "-" + i))
              .addAttributes(str(OtelKeys.TELEMETRY_SDK_NAME, "opentelemetry"))
              .addAttributes(str(OtelKeys.TELEMETRY_SDK_LANGUAGE, "java"))
              .addAttributes(str(OtelKeys.TELEMETRY_SDK_VERSION, "1.55.0"))
              .addAttributes(str(OtelKeys.LOADGEN_RUN_ID, names.runId()))
              .build());
    }
    this.resources = List.copyOf(rs);
  }

  /**
   * Batch {@code index}: whole traces adding up to exactly {@code spans} spans (the last trace is
   * cut to fit), each ending up to 2 s before {@code endEpochNanos}.
   */
  Batch batch(long index, int spans, long endEpochNanos) {
    if (spans < 1) {
      throw new IllegalArgumentException("a batch holds at least one span, got " + spans);
    }
    SplittableRandom random = new SplittableRandom(seed + index * 0xBF58476D1CE4E5B9L);
    List<List<Span>> byService = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) {
      byService.add(new ArrayList<>());
    }
    List<SentTrace> traces = new ArrayList<>();
    int left = spans;
    int llm = 0;
    while (left > 0) {
      int size = Math.min(left, spanCount(random));
      int service = random.nextInt(resources.size());
      List<Span> trace = trace(random, size, service, endEpochNanos);
      long[] ids = new long[trace.size()];
      for (int i = 0; i < ids.length; i++) {
        Span s = trace.get(i);
        ids[i] = s.getSpanId().asReadOnlyByteBuffer().getLong();
        if (isLlm(s)) {
          llm++;
        }
      }
      ByteBuffer traceId = trace.get(0).getTraceId().asReadOnlyByteBuffer();
      traces.add(new SentTrace(traceId.getLong(), traceId.getLong(), ids));
      byService.get(service).addAll(trace);
      left -= trace.size();
    }
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    for (int i = 0; i < byService.size(); i++) {
      if (!byService.get(i).isEmpty()) {
        request.addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resources.get(i))
                .addScopeSpans(
                    ScopeSpans.newBuilder().setScope(scope).addAllSpans(byService.get(i))));
      }
    }
    return new Batch(index, request.build(), spans, llm, List.copyOf(traces));
  }

  static boolean isLlm(Span span) {
    for (KeyValue kv : span.getAttributesList()) {
      if (kv.getKey().equals(OPERATION_NAME)) {
        return true;
      }
    }
    return false;
  }

  /** 1 to 20, most traces short: 1 + ⌊20·u²⌋, mean about 7. */
  private static int spanCount(SplittableRandom random) {
    double u = random.nextDouble();
    return 1 + (int) (20 * u * u);
  }

  /** A span being laid out: times in nanoseconds from the trace's start. */
  private static final class Draft {
    final Span.Builder span;
    long start;
    long end;

    Draft(Span.Builder span, long start, long end) {
      this.span = span;
      this.start = start;
      this.end = end;
    }
  }

  private List<Span> trace(SplittableRandom r, int size, int service, long endEpochNanos) {
    ByteString traceId = traceId(r);
    String user = r.nextInt(10) < 4 ? "user-" + r.nextInt(1000) : null;
    String session =
        user != null && r.nextBoolean() ? "sess-" + HEX.toHexDigits(r.nextInt()) : null;
    List<Draft> drafts = new ArrayList<>(size);
    if (size == 1) {
      // A batch job calling a model directly: the LLM call is the whole trace. (Never the HTTP root
      // alone: a trace of LLM call chains has a call, and its user and session are the call's.)
      long d = llmDuration(r);
      drafts.add(new Draft(llm(r, traceId, null, service, user, session, d), 0, d));
    } else {
      Draft root =
          new Draft(
              base(
                  traceId,
                  null,
                  "POST " + ROUTES[service % ROUTES.length],
                  Span.SpanKind.SPAN_KIND_SERVER,
                  r),
              0,
              0);
      drafts.add(root);
      Draft agent = null;
      if (size >= 4) {
        agent =
            new Draft(base(traceId, root, "agent.run", Span.SpanKind.SPAN_KIND_INTERNAL, r), 0, 0);
        drafts.add(agent);
      }
      Draft parent = agent != null ? agent : root;
      Draft tool = null;
      long cursor = TimeUnit.MILLISECONDS.toNanos(1 + r.nextInt(5));
      if (agent != null) {
        agent.start = cursor;
        cursor += TimeUnit.MICROSECONDS.toNanos(50 + r.nextInt(500));
      }
      boolean failed = false;
      boolean first = true;
      for (int i = drafts.size(); i < size; i++) {
        // The first step is a model call: a chain starts by asking the model what to do.
        int kind = first ? 0 : r.nextInt(20);
        first = false;
        long start = cursor;
        Draft d;
        if (kind < 9) {
          long duration = llmDuration(r);
          Span.Builder s = llm(r, traceId, parent, service, user, session, duration);
          failed |= s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
          d = new Draft(s, start, start + duration);
          tool = null;
        } else if (kind < 14) {
          d = tool(r, traceId, parent, start);
          tool = d;
        } else {
          Draft under = tool != null && r.nextBoolean() ? tool : parent;
          d = kind < 17 ? retrieval(r, traceId, under, start) : database(r, traceId, under, start);
          if (under == tool) {
            tool.end = Math.max(tool.end, d.end + TimeUnit.MICROSECONDS.toNanos(100));
          }
        }
        drafts.add(d);
        cursor = Math.max(d.end, tool != null ? tool.end : 0) + gap(r);
      }
      if (agent != null) {
        agent.end = cursor;
        cursor += gap(r);
      }
      root.end = cursor + TimeUnit.MILLISECONDS.toNanos(1);
      int status = failed && r.nextBoolean() ? 500 : 200;
      root.span
          .addAttributes(str(OtelKeys.HTTP_REQUEST_METHOD, "POST"))
          .addAttributes(str(OtelKeys.HTTP_ROUTE, ROUTES[service % ROUTES.length]))
          .addAttributes(str(OtelKeys.URL_PATH, ROUTES[service % ROUTES.length]))
          .addAttributes(num(OtelKeys.HTTP_RESPONSE_STATUS_CODE, status));
      if (status == 500) {
        root.span.setStatus(error("upstream model call failed"));
      }
      if (user != null) {
        root.span.addAttributes(str(OtelKeys.USER_ID, user));
        if (session != null) {
          root.span.addAttributes(str(OtelKeys.SESSION_ID, session));
        }
      }
    }
    long traceEnd = drafts.get(0).end;
    long offset = endEpochNanos - TimeUnit.MILLISECONDS.toNanos(r.nextInt(2000)) - traceEnd;
    List<Span> out = new ArrayList<>(drafts.size());
    for (Draft d : drafts) {
      out.add(
          d.span.setStartTimeUnixNano(offset + d.start).setEndTimeUnixNano(offset + d.end).build());
    }
    return out;
  }

  private Span.Builder llm(
      SplittableRandom r,
      ByteString traceId,
      Draft parent,
      int service,
      String user,
      String session,
      long duration) {
    LlmModel model = LlmModel.ALL.get(r.nextInt(LlmModel.ALL.size()));
    Span.Builder s =
        base(traceId, parent, "chat " + model.requestModel(), Span.SpanKind.SPAN_KIND_CLIENT, r);
    s.addAttributes(str(OPERATION_NAME, OP_CHAT))
        .addAttributes(str(PROVIDER_NAME, model.provider()))
        .addAttributes(str(REQUEST_MODEL, model.requestModel()));
    boolean stream = r.nextBoolean();
    if (stream) {
      s.addAttributes(bool(REQUEST_STREAM, true));
    }
    if (r.nextInt(10) < 7) {
      // A few prompt templates per service, each in one of three versions.
      s.addAttributes(str(PROMPT_FINGERPRINT, HEX.toHexDigits(mix(service * 31L + r.nextInt(3)))))
          .addAttributes(str(PROMPT_VERSION, "v" + (1 + r.nextInt(3))));
    }
    if (user != null) {
      s.addAttributes(str(OtelKeys.USER_ID, user));
      if (session != null) {
        s.addAttributes(str(OtelKeys.SESSION_ID, session));
      }
    }
    if (r.nextInt(50) == 0) {
      String type = LLM_ERRORS[r.nextInt(LLM_ERRORS.length)];
      return s.addAttributes(str(ERROR_TYPE, type)).setStatus(error("model call failed: " + type));
    }
    long input = logUniform(r, 200, 8000);
    long output = logUniform(r, 20, 1500);
    String finish = r.nextInt(20) < 16 ? "stop" : r.nextInt(4) < 3 ? "tool_calls" : "length";
    s.addAttributes(str(RESPONSE_MODEL, model.responseModel()))
        .addAttributes(str(RESPONSE_ID, "chatcmpl-" + HEX.toHexDigits(r.nextLong())))
        .addAttributes(strings(RESPONSE_FINISH_REASONS, finish))
        .addAttributes(num(USAGE_INPUT_TOKENS, input))
        .addAttributes(num(USAGE_OUTPUT_TOKENS, output));
    if (r.nextInt(10) < 3) {
      s.addAttributes(num(USAGE_CACHE_READ_INPUT_TOKENS, input / (2 + r.nextInt(4))));
    }
    if (model.reasoning()) {
      s.addAttributes(num(USAGE_REASONING_OUTPUT_TOKENS, output * (3 + r.nextInt(5)) / 10));
    }
    if (stream) {
      double ttft = Math.min(0.1 + r.nextDouble() * 1.4, duration * 0.8 / 1e9);
      s.addAttributes(dbl(RESPONSE_TIME_TO_FIRST_CHUNK, ttft));
    }
    if (contentBytes > 0) {
      int in = contentBytes * 2 / 3;
      s.addAttributes(str(INPUT_MESSAGES, ContentText.messages(r, "user", in)))
          .addAttributes(
              str(OUTPUT_MESSAGES, ContentText.messages(r, "assistant", contentBytes - in)));
    }
    return s;
  }

  private Draft tool(SplittableRandom r, ByteString traceId, Draft parent, long start) {
    String name = TOOLS[r.nextInt(TOOLS.length)];
    Span.Builder s =
        base(traceId, parent, "tool " + name, Span.SpanKind.SPAN_KIND_INTERNAL, r)
            .addAttributes(str(OtelKeys.TOOL_NAME, name));
    failMaybe(r, s);
    return new Draft(s, start, start + TimeUnit.MILLISECONDS.toNanos(logUniform(r, 5, 300)));
  }

  private Draft retrieval(SplittableRandom r, ByteString traceId, Draft parent, long start) {
    String collection = "kb_articles";
    Span.Builder s =
        base(traceId, parent, "search " + collection, Span.SpanKind.SPAN_KIND_CLIENT, r)
            .addAttributes(str(OtelKeys.DB_SYSTEM, "qdrant"))
            .addAttributes(str(OtelKeys.DB_OPERATION_NAME, "search"))
            .addAttributes(str(OtelKeys.DB_COLLECTION_NAME, collection))
            .addAttributes(str(OtelKeys.SERVER_ADDRESS, "vectors.internal"));
    failMaybe(r, s);
    return new Draft(s, start, start + TimeUnit.MILLISECONDS.toNanos(logUniform(r, 8, 120)));
  }

  private Draft database(SplittableRandom r, ByteString traceId, Draft parent, long start) {
    String table = TABLES[r.nextInt(TABLES.length)];
    String operation = DB_OPERATIONS[r.nextInt(DB_OPERATIONS.length)];
    Span.Builder s =
        base(traceId, parent, operation + " " + table, Span.SpanKind.SPAN_KIND_CLIENT, r)
            .addAttributes(str(OtelKeys.DB_SYSTEM, "postgresql"))
            .addAttributes(str(OtelKeys.DB_OPERATION_NAME, operation))
            .addAttributes(str(OtelKeys.DB_COLLECTION_NAME, table));
    failMaybe(r, s);
    return new Draft(s, start, start + TimeUnit.MICROSECONDS.toNanos(logUniform(r, 300, 40_000)));
  }

  private static void failMaybe(SplittableRandom r, Span.Builder s) {
    if (r.nextInt(50) == 0) {
      s.setStatus(error("operation failed"));
    }
  }

  private static Span.Builder base(
      ByteString traceId, Draft parent, String name, Span.SpanKind kind, SplittableRandom r) {
    Span.Builder s =
        Span.newBuilder().setTraceId(traceId).setSpanId(spanId(r)).setName(name).setKind(kind);
    if (parent != null) {
      s.setParentSpanId(parent.span.getSpanId());
    }
    return s;
  }

  private static long llmDuration(SplittableRandom r) {
    return TimeUnit.MILLISECONDS.toNanos(logUniform(r, 200, 8000));
  }

  private static long gap(SplittableRandom r) {
    return TimeUnit.MICROSECONDS.toNanos(200 + r.nextInt(2800));
  }

  private static long logUniform(SplittableRandom r, long min, long max) {
    return Math.round(Math.exp(Math.log(min) + r.nextDouble() * (Math.log(max) - Math.log(min))));
  }

  private static ByteString traceId(SplittableRandom r) {
    return ByteString.copyFrom(
        ByteBuffer.allocate(16).putLong(nonZero(r)).putLong(nonZero(r)).array());
  }

  private static ByteString spanId(SplittableRandom r) {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(nonZero(r)).array());
  }

  private static long nonZero(SplittableRandom r) {
    long v;
    do {
      v = r.nextLong();
    } while (v == 0);
    return v;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static Status error(String message) {
    return Status.newBuilder()
        .setCode(Status.StatusCode.STATUS_CODE_ERROR)
        .setMessage(message)
        .build();
  }

  static KeyValue str(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static KeyValue num(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  private static KeyValue dbl(String key, double value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setDoubleValue(value))
        .build();
  }

  private static KeyValue bool(String key, boolean value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setBoolValue(value))
        .build();
  }

  private static KeyValue strings(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(
            AnyValue.newBuilder()
                .setArrayValue(
                    ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setStringValue(value))))
        .build();
  }
}
