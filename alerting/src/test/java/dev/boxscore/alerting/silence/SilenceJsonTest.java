package dev.boxscore.alerting.silence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract's silence JSON: defaults, every check naming its field, and write. */
class SilenceJsonTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-12-07T14:00:00Z");
  static final String MATCHER = "{'name':'alertname','value':'slow'}";

  static JsonNode json(String singleQuoted) {
    try {
      return MAPPER.readTree(singleQuoted.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static InvalidSilenceException rejected(JsonNode body) {
    try {
      SilenceJson.read(body, "default", NOW);
    } catch (InvalidSilenceException e) {
      return e;
    }
    String text = body.toString();
    throw new AssertionError("accepted " + text.substring(0, Math.min(200, text.length())));
  }

  @Test
  void readsTheContractsSilenceAndWritesItBack() {
    JsonNode body =
        json(
            """
            {"id":"sil_9","matchers":[{"name":"alertname","value":"checkout p95 latency",
              "isRegex":false,"isEqual":true}],
             "startsAt":"2026-12-07T14:00:00Z","endsAt":"2026-12-07T16:00:00Z",
             "comment":"deploying","createdBy":"alice","state":"active"}
            """);
    Silence s = SilenceJson.read(body, "default", NOW);
    assertThat(s.id()).isNull();
    assertThat(s.projectId()).isEqualTo("default");
    assertThat(s.matchers())
        .containsExactly(new Matcher("alertname", "checkout p95 latency", false, true));
    assertThat(s.startsAt()).isEqualTo(NOW);
    assertThat(s.endsAt()).isEqualTo(Instant.parse("2026-12-07T16:00:00Z"));
    assertThat(s.comment()).isEqualTo("deploying");
    assertThat(s.createdBy()).isEqualTo("alice");
    assertThat(SilenceJson.write(s.withId("sil_9"), NOW)).isEqualTo(body);
  }

  @Test
  void defaults() {
    Silence s =
        SilenceJson.read(
            json(
                "{'matchers':[{'name':'team','value':'pay.*','isRegex':true},"
                    + "{'name':'env','value':'dev','isEqual':false}],"
                    + "'endsAt':'2026-12-07T15:00:00.5+01:00'}"),
            "p",
            NOW);
    assertThat(s.startsAt()).isEqualTo(NOW);
    assertThat(s.endsAt()).isEqualTo(Instant.parse("2026-12-07T14:00:00.500Z"));
    assertThat(s.matchers())
        .containsExactly(
            new Matcher("team", "pay.*", true, true), new Matcher("env", "dev", false, false));
    assertThat(s.comment()).isEmpty();
    assertThat(s.createdBy()).isNull();
    JsonNode written = SilenceJson.write(s, NOW);
    assertThat(written.get("state").textValue()).isEqualTo("active");
    assertThat(written.get("endsAt").textValue()).isEqualTo("2026-12-07T14:00:00.500Z");
    assertThat(SilenceJson.write(s, NOW.minusSeconds(1)).get("state").textValue())
        .isEqualTo("pending");
    assertThat(SilenceJson.write(s, s.endsAt()).get("state").textValue()).isEqualTo("expired");
  }

  @Test
  void aMatcherMayMatchTheEmptyStringIfAnotherDoesNot() {
    Silence s =
        SilenceJson.read(
            json(
                "{'matchers':[{'name':'model','value':''},"
                    + MATCHER
                    + "],'endsAt':'2026-12-08T00:00:00Z'}"),
            "p",
            NOW);
    assertThat(s.matchers()).hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "[]                                                        | body | must be a JSON object, got an array",
        "null                                                      | body | got null",
        "'x'                                                       | body | got a string",
        "{'endsAt':'2026-12-08T00:00:00Z'}                         | matchers | at least one matcher required",
        "{'matchers':null,'endsAt':'2026-12-08T00:00:00Z'}         | matchers | at least one matcher required",
        "{'matchers':[],'endsAt':'2026-12-08T00:00:00Z'}           | matchers | at least one matcher required",
        "{'matchers':{},'endsAt':'2026-12-08T00:00:00Z'}           | matchers | must be an array, got an object",
        "{'matchers':[null],'endsAt':'2026-12-08T00:00:00Z'}       | matchers[0] | must be an object, got null",
        "{'matchers':['a=b'],'endsAt':'2026-12-08T00:00:00Z'}      | matchers[0] | must be an object, got a string",
        "{'matchers':[{'value':'x'}],'endsAt':'2026-12-08T00:00:00Z'} | matchers[0].name | required",
        "{'matchers':[{'name':'a-b','value':'x'}],'endsAt':'2026-12-08T00:00:00Z'} | matchers[0].name | not a label name",
        "{'matchers':[{'name':'','value':'x'}],'endsAt':'2026-12-08T00:00:00Z'} | matchers[0].name | not a label name",
        "{'matchers':[{'name':1,'value':'x'}],'endsAt':'2026-12-08T00:00:00Z'} | matchers[0].name | must be a string, got a number",
        "{'matchers':[{'name':'a'}],'endsAt':'2026-12-08T00:00:00Z'} | matchers[0].value | required",
        "{'matchers':[{'name':'a','value':5}],'endsAt':'2026-12-08T00:00:00Z'} | matchers[0].value | must be a string, got a number",
        "{'matchers':[{'name':'a','value':'x','op':'='}],'endsAt':'2026-12-08T00:00:00Z'} | matchers[0].op | not a matcher field",
        "{'matchers':[{'name':'a','value':'x','isRegex':'true'}],'endsAt':'2026-12-08T00:00:00Z'} | matchers[0].isRegex | must be true or false, got a string",
        "{'matchers':[{'name':'a','value':'x','isEqual':1}],'endsAt':'2026-12-08T00:00:00Z'} | matchers[0].isEqual | must be true or false, got a number",
        "{'matchers':[{'name':'a','value':'x'},{'name':'b','value':'(','isRegex':true}],'endsAt':'2026-12-08T00:00:00Z'} | matchers[1].value | not a valid regular expression: Unclosed group",
        "{'matchers':[{'name':'a','value':''}],'endsAt':'2026-12-08T00:00:00Z'} | matchers | at least one matcher must not match the empty string",
        "{'matchers':[{'name':'a','value':'.*','isRegex':true},{'name':'b','value':'x','isEqual':false}],'endsAt':'2026-12-08T00:00:00Z'} | matchers | at least one matcher must not match the empty string",
        "{'matchers':[{'name':'a','value':'.+','isRegex':true,'isEqual':false}],'endsAt':'2026-12-08T00:00:00Z'} | matchers | at least one matcher must not match the empty string",
        "{'matchers':[{'name':'a','value':'x'}]}                   | endsAt | required",
        "{'matchers':[{'name':'a','value':'x'}],'endsAt':null}     | endsAt | required",
        "{'matchers':[{'name':'a','value':'x'}],'endsAt':'tomorrow'} | endsAt | must be an ISO-8601 instant such as 2026-12-07T14:00:00Z, got \"tomorrow\"",
        "{'matchers':[{'name':'a','value':'x'}],'endsAt':'2026-12-08'} | endsAt | must be an ISO-8601 instant",
        "{'matchers':[{'name':'a','value':'x'}],'endsAt':1796652000} | endsAt | must be a string, got a number",
        "{'matchers':[{'name':'a','value':'x'}],'endsAt':'2026-12-07T13:00:00Z','startsAt':'2026-12-07T12:00:00Z'} | endsAt | must be in the future",
        "{'matchers':[{'name':'a','value':'x'}],'endsAt':'2026-12-08T00:00:00Z','startsAt':'2026-12-09T00:00:00Z'} | endsAt | must be after startsAt (2026-12-09T00:00:00Z)",
        "{'matchers':[{'name':'a','value':'x'}],'endsAt':'2026-12-07T14:00:00Z'} | endsAt | must be after startsAt",
        "{'matchers':[{'name':'a','value':'x'}],'endsAt':'2026-12-08T00:00:00Z','startsAt':[]} | startsAt | must be a string, got an array",
        "{'matchers':[{'name':'a','value':'x'}],'endsAt':'2026-12-08T00:00:00Z','comment':{}} | comment | must be a string, got an object",
        "{'matchers':[{'name':'a','value':'x'}],'endsAt':'2026-12-08T00:00:00Z','createdBy':true} | createdBy | must be a string, got a boolean",
        "{'matchers':[{'name':'a','value':'x'}],'endsAt':'2026-12-08T00:00:00Z','until':'x'} | until | not a silence field",
      })
  void rejectsNamingTheField(String body, String field, String problem) {
    InvalidSilenceException e = rejected(json(body));
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).startsWith(field + ": ").contains(problem);
  }

  @Test
  void hugeStringsAndListsAreRejectedWithShortMessages() {
    String huge = "x".repeat(1_000_000);
    String end = ",'endsAt':'2026-12-08T00:00:00Z'";
    assertThat(rejected(json("{'matchers':[" + MATCHER + "],'comment':'" + huge + "'" + end + "}")))
        .hasMessage("comment: must be at most 1024 characters, got 1000000");
    assertThat(rejected(json("{'matchers':[{'name':'a','value':'" + huge + "'}]" + end + "}")))
        .hasMessage("matchers[0].value: must be at most 1024 characters, got 1000000");
    for (String body :
        List.of(
            "{'matchers':[{'name':'" + huge + "','value':'x'}]" + end + "}",
            "{'" + huge.substring(0, 40_000) + "':1}",
            "{'matchers':[" + MATCHER + "],'endsAt':'" + huge + "'}",
            "{'matchers':[" + MATCHER + "],'createdBy':'" + huge + "'" + end + "}")) {
      assertThat(rejected(json(body)).getMessage()).hasSizeLessThan(300);
    }
    StringBuilder many = new StringBuilder("{'matchers':[");
    for (int i = 0; i < 101; i++) {
      many.append(i == 0 ? "" : ",").append(MATCHER);
    }
    assertThat(rejected(json(many + "]" + end + "}")))
        .hasMessage("matchers: at most 100 matchers, got 101");
  }
}
