package dev.boxscore.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.embedded.clickhouse.EmbeddedClickHouse;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.prompts.PromptReader;
import dev.boxscore.storage.prompts.PromptSeen;
import dev.boxscore.storage.prompts.PromptTemplate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When each prompt fingerprint / version was seen (the minute rollup) and the name and template its
 * calls carried (the spans' attributes, under each dialect's key), on the real embedded engine.
 */
class PromptReaderTest {
  private static final Instant T0 = Instant.parse("2026-04-02T09:00:00Z");
  private static final String PROJECT = "p-prompts";
  private static final AtomicLong IDS = new AtomicLong(0x5000);

  private static EmbeddedClickHouse engine;
  private static ClickHouseStorage storage;

  @BeforeAll
  static void start() throws Exception {
    engine = TestEngine.start();
    storage = TestEngine.storage(engine).build().start();
    storage
        .spanWriter(TestEngine.HISTORIC)
        .write(
            List.of(
                call(PROJECT, "fpA", "1", 0, Map.of("llm.prompt_template.template", "T1 old")),
                call(PROJECT, "fpA", "1", 70, Map.of("gen_ai.prompt.name", "answer")),
                call(
                    PROJECT,
                    "fpA",
                    "1",
                    130,
                    Map.of(
                        "llm.prompt_template.template",
                        "T1 latest",
                        "gen_ai.prompt.name",
                        "answer")),
                // Two dialects on one call: the first key asked for wins.
                call(
                    PROJECT,
                    "fpA",
                    "2",
                    600,
                    Map.of(
                        "llm.prompt_template.template", "T2 oi",
                        "traceloop.prompt.template", "T2 traceloop",
                        "traceloop.prompt.key", "answer-managed")),
                call(PROJECT, "", "3", 300, Map.of()),
                call(PROJECT, "", "", 310, Map.of("llm.prompt_template.template", "no prompt")),
                call("p-other", "fpA", "1", 20, Map.of("llm.prompt_template.template", "other"))));
  }

  @AfterAll
  static void stop() {
    storage.close();
    engine.close();
  }

  private static SpanRow call(
      String project, String fingerprint, String version, long second, Map<String, String> attrs) {
    long id = IDS.incrementAndGet();
    return new SpanRow(
        project,
        String.format("%032x", id),
        String.format("%016x", id),
        "",
        "chat gpt-4o-mini",
        "CLIENT",
        "svc",
        "test",
        "1",
        T0.plusSeconds(second),
        200_000_000L,
        "UNSET",
        "",
        attrs,
        Map.of(),
        "",
        true,
        "openai",
        "chat",
        "gpt-4o-mini",
        "",
        true,
        10,
        5,
        0,
        0,
        0,
        null,
        null,
        List.of("stop"),
        "",
        false,
        "",
        fingerprint,
        version,
        "",
        "",
        Instant.now(),
        false);
  }

  private static PromptReader reader() {
    return storage.promptReader(PROJECT);
  }

  @Test
  void eachVersionIsSeenFromItsFirstToItsLastMinuteWithItsCalls() {
    List<PromptSeen> seen = reader().seen(T0, T0.plusSeconds(3600), null);
    assertThat(seen)
        .containsExactly(
            new PromptSeen("", "3", T0.plusSeconds(300), T0.plusSeconds(300), 1),
            new PromptSeen("fpA", "1", T0, T0.plusSeconds(120), 3),
            new PromptSeen("fpA", "2", T0.plusSeconds(600), T0.plusSeconds(600), 1));
    assertThat(reader().seen(T0, T0.plusSeconds(3600), "fpA")).hasSize(2);
    // A range ending inside a minute includes that minute, as the rollup questions do.
    assertThat(reader().seen(T0, T0.plusSeconds(121), "fpA"))
        .containsExactly(new PromptSeen("fpA", "1", T0, T0.plusSeconds(120), 3));
    assertThat(reader().seen(T0.plusSeconds(3600), T0.plusSeconds(7200), null)).isEmpty();
  }

  @Test
  void theLatestNameAndTemplateOfEachVersionAreReadUnderTheFirstKeyOfTheDialects() {
    List<PromptTemplate> templates = reader().templates(T0, T0.plusSeconds(3600), "fpA");
    assertThat(templates)
        .containsExactly(
            new PromptTemplate("fpA", "1", "answer", "T1 latest", T0.plusSeconds(130)),
            new PromptTemplate("fpA", "2", "answer-managed", "T2 oi", T0.plusSeconds(600)));
    assertThat(
            reader().templates(T0, T0.plusSeconds(3600), null).stream()
                .map(t -> t.fingerprint() + "/" + t.version() + ":" + t.template()))
        // Version 3's calls carry neither a name nor a template: nothing to show for it.
        .containsExactly("fpA/1:T1 latest", "fpA/2:T2 oi");
  }
}
