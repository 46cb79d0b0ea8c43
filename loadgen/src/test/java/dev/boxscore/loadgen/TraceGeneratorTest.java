package dev.boxscore.loadgen;

import static dev.boxscore.model.semconv.GenAiAttributes.ERROR_TYPE;
import static dev.boxscore.model.semconv.GenAiAttributes.INPUT_MESSAGES;
import static dev.boxscore.model.semconv.GenAiAttributes.OUTPUT_MESSAGES;
import static dev.boxscore.model.semconv.GenAiAttributes.PROVIDER_NAME;
import static dev.boxscore.model.semconv.GenAiAttributes.REQUEST_MODEL;
import static dev.boxscore.model.semconv.GenAiAttributes.REQUEST_STREAM;
import static dev.boxscore.model.semconv.GenAiAttributes.RESPONSE_MODEL;
import static dev.boxscore.model.semconv.GenAiAttributes.RESPONSE_TIME_TO_FIRST_CHUNK;
import static dev.boxscore.model.semconv.GenAiAttributes.SERVICE_NAME;
import static dev.boxscore.model.semconv.GenAiAttributes.USAGE_INPUT_TOKENS;
import static dev.boxscore.model.semconv.GenAiAttributes.USAGE_OUTPUT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.boxscore.model.pricing.PriceCatalog;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceGeneratorTest {
  private static final long END =
      Instant.parse("2026-12-07T12:00:00Z").getEpochSecond() * 1_000_000_000L;
  private static final RunNames NAMES = RunNames.of("abc123");

  @Test
  void batchesHoldWholeTracesOfOneToTwentySpansWithValidParentLinks() {
    TraceGenerator generator = new TraceGenerator(NAMES, 42, 0);
    Map<ByteString, List<Span>> traces = new HashMap<>();
    Set<String> services = new HashSet<>();
    int total = 0;
    for (long i = 0; i < 5; i++) {
      Batch batch = generator.batch(i, 2000, END);
      assertThat(batch.spans()).isEqualTo(2000);
      int inRequest = 0;
      for (ResourceSpans rs : batch.request().getResourceSpansList()) {
        services.add(attr(rs.getResource().getAttributesList(), SERVICE_NAME).getStringValue());
        for (Span s : rs.getScopeSpans(0).getSpansList()) {
          traces.computeIfAbsent(s.getTraceId(), k -> new ArrayList<>()).add(s);
          inRequest++;
        }
      }
      assertThat(inRequest).isEqualTo(2000);
      assertThat(batch.traces().stream().mapToInt(t -> t.spanIds().length).sum()).isEqualTo(2000);
      total += inRequest;
    }
    assertThat(total).isEqualTo(10_000);
    assertThat(services).hasSizeGreaterThanOrEqualTo(4).allMatch(s -> s.endsWith("-abc123"));

    Set<Integer> sizes = new HashSet<>();
    for (List<Span> trace : traces.values()) {
      assertThat(trace).hasSizeBetween(1, 20);
      sizes.add(trace.size());
      Set<ByteString> ids = new HashSet<>();
      trace.forEach(s -> ids.add(s.getSpanId()));
      assertThat(ids).as("span ids unique in a trace").hasSize(trace.size());
      List<Span> roots = trace.stream().filter(s -> s.getParentSpanId().isEmpty()).toList();
      assertThat(roots).hasSize(1);
      Span root = roots.get(0);
      for (Span s : trace) {
        if (s != root) {
          assertThat(ids).contains(s.getParentSpanId());
        }
        assertThat(s.getStartTimeUnixNano())
            .isBetween(root.getStartTimeUnixNano(), s.getEndTimeUnixNano());
        assertThat(s.getEndTimeUnixNano()).isLessThanOrEqualTo(root.getEndTimeUnixNano());
      }
      assertThat(root.getEndTimeUnixNano()).isLessThanOrEqualTo(END);
      // Every trace holds an LLM call: a user's or session's trace without one would name a
      // session that no call belongs to.
      assertThat(trace).anyMatch(s -> s.getName().startsWith("chat "));
    }
    assertThat(sizes).contains(1, 2, 20).hasSizeGreaterThan(15);
  }

  @Test
  void llmSpansCarryTheGenAiAttributesStreamingTimingErrorsAndSeveralModels() {
    TraceGenerator generator = new TraceGenerator(NAMES, 7, 0);
    List<Span> llm = new ArrayList<>();
    int all = 0;
    int errors = 0;
    for (long i = 0; i < 10; i++) {
      Batch batch = generator.batch(i, 2000, END);
      int counted = 0;
      for (ResourceSpans rs : batch.request().getResourceSpansList()) {
        for (Span s : rs.getScopeSpans(0).getSpansList()) {
          all++;
          if (TraceGenerator.isLlm(s)) {
            llm.add(s);
            counted++;
            if (s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
              errors++;
            }
          }
        }
      }
      assertThat(batch.llmSpans()).isEqualTo(counted);
    }
    assertThat(llm.size()).isBetween(all / 4, all * 3 / 4);
    assertThat(errors).isBetween(llm.size() / 100, llm.size() / 25);
    Set<String> models = new HashSet<>();
    int streamed = 0;
    for (Span s : llm) {
      assertThat(attr(s.getAttributesList(), PROVIDER_NAME)).isNotNull();
      models.add(attr(s.getAttributesList(), REQUEST_MODEL).getStringValue());
      if (s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
        assertThat(attr(s.getAttributesList(), ERROR_TYPE)).isNotNull();
        continue;
      }
      assertThat(attr(s.getAttributesList(), RESPONSE_MODEL)).isNotNull();
      assertThat(attr(s.getAttributesList(), USAGE_INPUT_TOKENS).getIntValue()).isPositive();
      assertThat(attr(s.getAttributesList(), USAGE_OUTPUT_TOKENS).getIntValue()).isPositive();
      if (attr(s.getAttributesList(), REQUEST_STREAM) != null) {
        streamed++;
        double ttft = attr(s.getAttributesList(), RESPONSE_TIME_TO_FIRST_CHUNK).getDoubleValue();
        assertThat(ttft * 1e9)
            .isPositive()
            .isLessThan(s.getEndTimeUnixNano() - s.getStartTimeUnixNano());
      }
      assertThat(attr(s.getAttributesList(), INPUT_MESSAGES)).as("no content by default").isNull();
    }
    assertThat(models).hasSizeGreaterThanOrEqualTo(6);
    assertThat(streamed).isBetween(llm.size() / 3, llm.size() * 2 / 3);
  }

  @Test
  void everyModelButOneIsInTheBuiltInPriceCatalog() {
    Instant now = Instant.parse("2026-12-07T12:00:00Z");
    for (LlmModel m : new HashSet<>(LlmModel.ALL)) {
      boolean priced =
          PriceCatalog.builtIn().find(m.provider(), m.responseModel(), now).isPresent();
      assertThat(priced).as(m.responseModel()).isEqualTo(m != LlmModel.UNKNOWN);
    }
    assertThat(new HashSet<>(LlmModel.ALL)).hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void theSameSeedGivesTheSameRequestsAndAnotherSeedOthers() {
    Batch a = new TraceGenerator(NAMES, 99, 300).batch(3, 500, END);
    Batch b = new TraceGenerator(NAMES, 99, 300).batch(3, 500, END);
    Batch c = new TraceGenerator(NAMES, 100, 300).batch(3, 500, END);
    Batch otherRun = new TraceGenerator(RunNames.of("zzz"), 99, 300).batch(3, 500, END);
    assertThat(a.request()).isEqualTo(b.request());
    assertThat(a.traces().get(0).traceIdHex()).isEqualTo(b.traces().get(0).traceIdHex());
    assertThat(c.traces().get(0).traceIdHex()).isNotEqualTo(a.traces().get(0).traceIdHex());
    assertThat(otherRun.traces().get(0).traceIdHex()).isNotEqualTo(a.traces().get(0).traceIdHex());
    assertThat(new TraceGenerator(NAMES, 99, 300).batch(4, 500, END).request())
        .isNotEqualTo(a.request());
  }

  @Test
  void capturedContentHasAboutTheSizeAskedFor() {
    Batch batch = new TraceGenerator(NAMES, 5, 3000).batch(0, 200, END);
    int checked = 0;
    for (ResourceSpans rs : batch.request().getResourceSpansList()) {
      for (Span s : rs.getScopeSpans(0).getSpansList()) {
        KeyValue in = find(s.getAttributesList(), INPUT_MESSAGES);
        if (in != null) {
          int size =
              in.getValue().getStringValue().length()
                  + find(s.getAttributesList(), OUTPUT_MESSAGES)
                      .getValue()
                      .getStringValue()
                      .length();
          assertThat(size).isBetween(2900, 3000);
          assertThat(in.getValue().getStringValue())
              .startsWith("[{\"role\":\"user\"")
              .endsWith("\"}]}]");
          checked++;
        }
      }
    }
    assertThat(checked).isPositive();
  }

  @Test
  void userAndSessionIdsAreOnSomeTraces() {
    Batch batch = new TraceGenerator(NAMES, 11, 0).batch(0, 2000, END);
    Set<String> users = new HashSet<>();
    int spansWithUser = 0;
    for (ResourceSpans rs : batch.request().getResourceSpansList()) {
      for (Span s : rs.getScopeSpans(0).getSpansList()) {
        KeyValue user = find(s.getAttributesList(), OtelKeys.USER_ID);
        if (user != null) {
          users.add(user.getValue().getStringValue());
          spansWithUser++;
        }
      }
    }
    assertThat(users).hasSizeGreaterThan(10);
    assertThat(spansWithUser).isBetween(100, 1500);
  }

  private static AnyValue attr(List<KeyValue> attributes, String key) {
    KeyValue kv = find(attributes, key);
    return kv == null ? null : kv.getValue();
  }

  private static KeyValue find(List<KeyValue> attributes, String key) {
    return attributes.stream().filter(kv -> kv.getKey().equals(key)).findFirst().orElse(null);
  }
}
