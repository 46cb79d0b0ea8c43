package dev.boxscore.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract's rule JSON: defaults per kind, every check naming its field, and write(read(x)) =
 * x.
 */
class RuleJsonTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** JSON with ' for ", to keep the tests readable. */
  static JsonNode json(String singleQuoted) {
    try {
      return MAPPER.readTree(singleQuoted.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static final String THRESHOLD = "{'name':'slow','kind':'threshold','metric':'latency_p95_ms',";

  static InvalidRuleException rejected(JsonNode body) {
    try {
      RuleJson.read(body);
    } catch (InvalidRuleException e) {
      return e;
    }
    throw new AssertionError("accepted " + JsonValues.cut(body.toString()));
  }

  static void rejects(String singleQuoted, String field, String problem) {
    InvalidRuleException e = rejected(json(singleQuoted));
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).startsWith(field + ": ").contains(problem);
  }

  /** What the store returns: the read rule with an id, source and version. */
  static ObjectNode stored(JsonNode body, String source) {
    return RuleJson.write(RuleJson.read(body).withId("rul_7f3a9c2e4b1d", source, 3));
  }

  /** Numbers compared by value as JSON text would, not by Jackson node class. */
  static JsonNode normalized(JsonNode n) throws JsonProcessingException {
    return MAPPER.readTree(MAPPER.writeValueAsString(n));
  }

  @Test
  void theContractsThresholdRuleRoundTrips() throws Exception {
    JsonNode x =
        json(
            """
            {"id":"rul_7f3a9c2e4b1d","name":"checkout p95 latency","kind":"threshold","enabled":true,
             "filter":{"service":"checkout","model":"gpt-4o","provider":null,"promptVersion":null},
             "groupBy":["model"],"metric":"latency_p95_ms","window":"10m","op":">",
             "threshold":2000,"warnThreshold":1500,"minCalls":20,"for":"10m","keepFiringFor":"0s",
             "interval":"1m","severity":"critical","labels":{"team":"payments"},
             "annotations":{"summary":"Checkout is slow","runbook_url":"https://wiki/x"},
             "channels":["chn_1a2b3c4d5e6f"],"source":"api","readOnly":false,"version":3}
            """);
    AlertRule rule = RuleJson.read(x);
    assertThat(rule.id()).isNull();
    assertThat(rule.source()).isEqualTo(AlertRule.SOURCE_API);
    assertThat(rule.filter()).isEqualTo(new RuleFilter("checkout", "gpt-4o", null, null));
    assertThat(rule.groupBy()).containsExactly(GroupDimension.MODEL);
    assertThat(rule.metric()).isEqualTo(Metric.LATENCY_P95_MS);
    assertThat(rule.window()).isEqualTo(Duration.ofMinutes(10));
    assertThat(rule.op()).isEqualTo(Comparison.GT);
    assertThat(rule.threshold()).isEqualTo(2000.0);
    assertThat(rule.warnThreshold()).isEqualTo(1500.0);
    assertThat(rule.minCalls()).isEqualTo(20);
    assertThat(rule.forDuration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(rule.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(rule.labels()).isEqualTo(Map.of("team", "payments"));
    assertThat(rule.channels()).containsExactly("chn_1a2b3c4d5e6f");
    assertThat(rule.drift()).isNull();
    assertThat(rule.budget()).isNull();

    assertThat(normalized(stored(x, "api"))).isEqualTo(x);
  }

  @Test
  void aGetAnswerWithStateCanBePutBack() throws Exception {
    ObjectNode answer = stored(json(THRESHOLD + "'threshold':1}"), "api");
    answer.put("state", "firing").put("firing", 1).put("pending", 0);
    answer.put("lastEvaluatedAt", "2026-12-07T14:00:00Z").putNull("lastError");
    ObjectNode again = stored(answer, "api");
    answer.remove(List.of("state", "firing", "pending", "lastEvaluatedAt", "lastError"));
    assertThat(normalized(again)).isEqualTo(normalized(answer));
  }

  @Test
  void readIgnoresTheClientsIdSourceAndVersion() {
    AlertRule rule =
        RuleJson.read(
            json(
                THRESHOLD
                    + "'threshold':1,'id':'rul_x','source':'file','readOnly':true,'version':9}"));
    assertThat(rule.id()).isNull();
    assertThat(rule.source()).isEqualTo("api");
    assertThat(rule.version()).isZero();
  }

  @Test
  void thresholdDefaults() throws Exception {
    JsonNode written = normalized(stored(json(THRESHOLD + "'threshold':2000}"), "api"));
    assertThat(written)
        .isEqualTo(
            json(
                """
                {"id":"rul_7f3a9c2e4b1d","name":"slow","kind":"threshold","enabled":true,
                 "filter":{"service":null,"model":null,"provider":null,"promptVersion":null},
                 "groupBy":[],"metric":"latency_p95_ms","window":"5m","op":">","threshold":2000,
                 "warnThreshold":null,"minCalls":1,"for":"0s","keepFiringFor":"0s","interval":"1m",
                 "severity":"warning","labels":{},"annotations":{},"channels":[],
                 "source":"api","readOnly":false,"version":3}
                """));
  }

  @Test
  void driftDefaultsAndRoundTrip() throws Exception {
    JsonNode written =
        normalized(stored(json("{'name':'d','kind':'drift','metric':'ttft_p95_ms'}"), "api"));
    JsonNode expected =
        json(
            """
            {"id":"rul_7f3a9c2e4b1d","name":"d","kind":"drift","enabled":true,
             "filter":{"service":null,"model":null,"provider":null,"promptVersion":null},
             "groupBy":[],"metric":"ttft_p95_ms","window":"1h","for":"0s","keepFiringFor":"0s",
             "interval":"1m","severity":"warning","labels":{},"annotations":{},"channels":[],
             "baselineDays":7,"alpha":0.01,"minChange":0.3,"minSamples":30,
             "source":"api","readOnly":false,"version":3}
            """);
    assertThat(written).isEqualTo(expected);
    assertThat(normalized(stored(written, "api"))).isEqualTo(expected);
    AlertRule rule = RuleJson.read(written);
    assertThat(rule.drift()).isEqualTo(DriftSettings.DEFAULTS);
    assertThat(rule.op()).isNull();
    assertThat(rule.threshold()).isNull();
  }

  @Test
  void driftSettingsAreRead() {
    AlertRule rule =
        RuleJson.read(
            json(
                "{'name':'d','kind':'drift','metric':'error_rate','window':'24h','baselineDays':28,"
                    + "'alpha':0.5,'minChange':0,'minSamples':100000}"));
    assertThat(rule.drift())
        .isEqualTo(new DriftSettings(28, 0.5, 0, 100_000, DriftSettings.DEFAULTS.maxSamples()));
    assertThat(rule.window()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void swapDefaultsAndRoundTrip() throws Exception {
    JsonNode written = normalized(stored(json("{'name':'s','kind':'swap'}"), "file"));
    JsonNode expected =
        json(
            """
            {"id":"rul_7f3a9c2e4b1d","name":"s","kind":"swap","enabled":true,
             "filter":{"service":null,"model":null,"provider":null,"promptVersion":null},
             "groupBy":[],"window":"1h","for":"0s","keepFiringFor":"0s",
             "interval":"1m","severity":"warning","labels":{},"annotations":{},"channels":[],
             "source":"file","readOnly":true,"version":3}
            """);
    assertThat(written).isEqualTo(expected);
    assertThat(normalized(stored(written, "file"))).isEqualTo(expected);
    assertThat(RuleJson.read(json("{'name':'s','kind':'swap','window':'7d'}")).window())
        .isEqualTo(Duration.ofDays(7));
  }

  @Test
  void budgetDefaultsAndRoundTrip() throws Exception {
    JsonNode written =
        normalized(stored(json("{'name':'b','kind':'budget','amountUsd':500.10}"), "api"));
    JsonNode expected =
        json(
            """
            {"id":"rul_7f3a9c2e4b1d","name":"b","kind":"budget","enabled":true,
             "filter":{"service":null,"model":null,"provider":null,"promptVersion":null},
             "groupBy":[],"metric":"cost_usd","for":"0s","keepFiringFor":"0s",
             "interval":"1m","severity":"warning","labels":{},"annotations":{},"channels":[],
             "period":"month","timeZone":"UTC","amountUsd":500.1,"warnAtPercent":80,
             "source":"api","readOnly":false,"version":3}
            """);
    assertThat(written).isEqualTo(expected);
    assertThat(normalized(stored(written, "api"))).isEqualTo(expected);

    AlertRule rule =
        RuleJson.read(
            json(
                "{'name':'b','kind':'budget','metric':'cost_usd','period':'week',"
                    + "'timeZone':'Europe/Berlin','amountUsd':500,'warnAtPercent':99.5}"));
    assertThat(rule.budget())
        .isEqualTo(
            new BudgetSettings(
                BudgetPeriod.WEEK, ZoneId.of("Europe/Berlin"), new BigDecimal("500"), 99.5));
    assertThat(rule.metric()).isEqualTo(Metric.COST_USD);
    assertThat(rule.window()).isNull();
  }

  @Test
  void everythingElseOfARuleIsRead() {
    AlertRule rule =
        RuleJson.read(
            json(
                THRESHOLD
                    + "'threshold':0.5,'op':'<=','warnThreshold':0.75,'enabled':false,"
                    + "'groupBy':['prompt_version','service','provider','model'],"
                    + "'for':'1d','keepFiringFor':'1h30m','interval':'10s','severity':'info',"
                    + "'filter':{'provider':'openai','promptVersion':'v2'},'minCalls':0,"
                    + "'labels':{'_x':'','Team_2':'a'},'window':'1d'}"));
    assertThat(rule.enabled()).isFalse();
    assertThat(rule.op()).isEqualTo(Comparison.LTE);
    assertThat(rule.groupBy()).isEqualTo(Set.of(GroupDimension.values()));
    assertThat(rule.forDuration()).isEqualTo(Duration.ofDays(1));
    assertThat(rule.keepFiringFor()).isEqualTo(Duration.ofMinutes(90));
    assertThat(rule.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(rule.severity()).isEqualTo(Severity.INFO);
    assertThat(rule.filter()).isEqualTo(new RuleFilter(null, null, "openai", "v2"));
    assertThat(rule.minCalls()).isZero();
    assertThat(rule.labels()).containsEntry("_x", "").containsEntry("Team_2", "a");
    // groupBy is written in a fixed order whatever order it came in
    assertThat(RuleJson.write(rule).get("groupBy"))
        .isEqualTo(json("['model','service','provider','prompt_version']"));
  }

  @Test
  void twentyChannelsAnd1024CharacterValuesAreAllowed() {
    StringBuilder channels = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      channels.append(i == 0 ? "" : ",").append("'chn_").append(i).append("'");
    }
    String v = "v".repeat(1024);
    AlertRule rule =
        RuleJson.read(
            json(
                THRESHOLD
                    + "'threshold':1,'channels':["
                    + channels
                    + "],'labels':{'a':'"
                    + v
                    + "'},'annotations':{'summary':'"
                    + v
                    + "'},'name':'"
                    + "n".repeat(200)
                    + "'}"));
    assertThat(rule.channels()).hasSize(20);
    assertThat(rule.name()).hasSize(200);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // the body itself
        "[]                                                      | body | must be a JSON object, got an array",
        "'x'                                                     | body | got a string",
        "null                                                    | body | got null",
        // name
        "{'kind':'swap'}                                         | name | required",
        "{'name':null,'kind':'swap'}                             | name | required",
        "{'name':'  ','kind':'swap'}                             | name | must not be blank",
        "{'name':5,'kind':'swap'}                                | name | must be a string, got a number",
        "{'name':['a'],'kind':'swap'}                            | name | must be a string, got an array",
        // kind
        "{'name':'n'}                                            | kind | required: one of threshold, drift, swap and budget",
        "{'name':'n','kind':'Threshold'}                         | kind | must be one of threshold, drift, swap and budget, got \"Threshold\"",
        "{'name':'n','kind':{}}                                  | kind | must be a string, got an object",
        // unknown fields, named before anything else
        "{'unknownField':1}                                      | unknownField | not a rule field",
        "{'name':'n','kind':'swap','thresold':1}                 | thresold | not a rule field",
        "{'name':'n','kind':'swap','filter':{'modle':'x'}}       | filter.modle | not a filter field",
        // fields of another kind
        "{'name':'n','kind':'threshold','amountUsd':5}           | amountUsd | only for budget rules",
        "{'name':'n','kind':'swap','metric':'calls'}             | metric | only for threshold, drift and budget rules",
        "{'name':'n','kind':'budget','window':'5m'}              | window | only for threshold, drift and swap rules",
        "{'name':'n','kind':'drift','threshold':5}               | threshold | only for threshold rules",
        "{'name':'n','kind':'drift','minCalls':5}                | minCalls | only for threshold rules",
        "{'name':'n','kind':'budget','alpha':0.1}                | alpha | only for drift rules",
        "{'name':'n','kind':'swap','op':'>'}                     | op | only for threshold and drift rules",
        // metric
        "{'name':'n','kind':'threshold','threshold':1}           | metric | required for threshold rules",
        "{'name':'n','kind':'threshold','threshold':1,'metric':'p95'} | metric | must be one of calls, errors",
        "{'name':'n','kind':'drift'}                             | metric | required for drift rules",
        "{'name':'n','kind':'drift','metric':'calls'}            | metric | calls cannot be tested for drift; one of error_rate, cost_per_call_usd",
        "{'name':'n','kind':'drift','metric':'cost_usd'}         | metric | cost_usd cannot be tested for drift",
        "{'name':'n','kind':'budget','amountUsd':1,'metric':'calls'} | metric | budget rules measure cost_usd",
        "{'name':'n','kind':'budget','amountUsd':1,'metric':1}   | metric | must be a string",
      })
  void rejectsNamingTheField(String body, String field, String problem) {
    rejects(body, field, problem);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // threshold and warnThreshold
        "'enabled':true}                              | threshold | required for threshold rules",
        "'threshold':null}                           | threshold | required for threshold rules",
        "'threshold':'2000'}                         | threshold | must be a number, got a string",
        "'threshold':true}                           | threshold | must be a number, got a boolean",
        "'threshold':1e400}                          | threshold | must be a finite number",
        "'threshold':-1e400}                         | threshold | must be a finite number",
        "'threshold':2000,'warnThreshold':2000}      | warnThreshold | must be below threshold (2000) for op >, got 2000",
        "'threshold':2000,'warnThreshold':2500}      | warnThreshold | must be below threshold (2000) for op >",
        "'threshold':2000,'op':'>=','warnThreshold':2001} | warnThreshold | must be below threshold (2000) for op >=",
        "'threshold':0.5,'op':'<','warnThreshold':0.4} | warnThreshold | must be above threshold (0.5) for op <, got 0.4",
        "'threshold':0.5,'op':'<=','warnThreshold':0.5} | warnThreshold | must be above threshold (0.5) for op <=",
        "'threshold':1,'warnThreshold':'0'}          | warnThreshold | must be a number",
        "'threshold':1,'op':'=='}                    | op | must be one of >, >=, <, <=, got \"==\"",
        // minCalls
        "'threshold':1,'minCalls':-1}                | minCalls | must be 0 or more, got -1",
        "'threshold':1,'minCalls':1.5}               | minCalls | must be a whole number, got 1.5",
        "'threshold':1,'minCalls':'5'}               | minCalls | must be a whole number, got a string",
        "'threshold':1,'minCalls':99999999999999999999} | minCalls | is too large: must be 0 or more",
        // durations
        "'threshold':1,'window':'30s'}               | window | must be from 1m to 1d, got 30s",
        "'threshold':1,'window':'25h'}               | window | must be from 1m to 1d, got 1d1h",
        "'threshold':1,'window':'90s'}               | window | must be whole minutes, got 1m30s",
        "'threshold':1,'window':600}                 | window | must be a duration string such as \"5m\", got a number",
        "'threshold':1,'window':'10'}                | window | needs a unit",
        "'threshold':1,'window':'ten minutes'}       | window | must be a duration such as",
        "'threshold':1,'interval':'5s'}              | interval | must be from 10s to 1d, got 5s",
        "'threshold':1,'interval':'2d'}              | interval | must be from 10s to 1d",
        "'threshold':1,'for':'-1m'}                  | for | must not be negative",
        "'threshold':1,'for':'1d1ms'}                | for | must be from 0s to 1d",
        "'threshold':1,'keepFiringFor':'2d'}         | keepFiringFor | must be from 0s to 1d",
        // severity, enabled
        "'threshold':1,'severity':'error'}           | severity | must be one of critical, warning, info, got \"error\"",
        "'threshold':1,'enabled':'yes'}              | enabled | must be true or false, got a string",
        // filter
        "'threshold':1,'filter':[]}                  | filter | must be an object, got an array",
        "'threshold':1,'filter':'x'}                 | filter | must be an object, got a string",
        "'threshold':1,'filter':{'model':''}}        | filter.model | must not be blank",
        "'threshold':1,'filter':{'model':3}}         | filter.model | must be a string, got a number",
        // groupBy
        "'threshold':1,'groupBy':['user']}           | groupBy[0] | user is not recorded yet",
        "'threshold':1,'groupBy':['model','team']}   | groupBy[1] | must be one of model, service, provider, prompt_version, got \"team\"",
        "'threshold':1,'groupBy':['model','model']}  | groupBy[1] | model is listed twice",
        "'threshold':1,'groupBy':[null]}             | groupBy[0] | must be a string, got null",
        "'threshold':1,'groupBy':'model'}            | groupBy | must be an array, got a string",
        // labels and annotations
        "'threshold':1,'labels':{'team-x':'a'}}      | labels.team-x | not a valid name",
        "'threshold':1,'labels':{'1team':'a'}}       | labels.1team | not a valid name",
        "'threshold':1,'labels':{'':'a'}}            | labels. | not a valid name",
        "'threshold':1,'labels':{'alertname':'a'}}   | labels.alertname | reserved",
        "'threshold':1,'labels':{'rule_id':'a'}}     | labels.rule_id | reserved",
        "'threshold':1,'labels':{'__name__':'a'}}    | labels.__name__ | reserved",
        "'threshold':1,'labels':{'team':1}}          | labels.team | must be a string, got a number",
        "'threshold':1,'labels':{'team':null}}       | labels.team | must be a string, got null",
        "'threshold':1,'labels':['team']}            | labels | must be an object, got an array",
        "'threshold':1,'annotations':{'run book':'x'}} | annotations.run book | not a valid name",
        "'threshold':1,'annotations':{'summary':{}}} | annotations.summary | must be a string, got an object",
        // channels
        "'threshold':1,'channels':['ops']}           | channels[0] | not a channel id (chn_…), got \"ops\"",
        "'threshold':1,'channels':['chn_a','chn_B']} | channels[1] | not a channel id",
        "'threshold':1,'channels':['chn_']}          | channels[0] | not a channel id",
        "'threshold':1,'channels':['chn_a','chn_a']} | channels[1] | chn_a is listed twice",
        "'threshold':1,'channels':[1]}               | channels[0] | must be a string, got a number",
        "'threshold':1,'channels':{}}                | channels | must be an array, got an object",
      })
  void rejectsThresholdRulesNamingTheField(String rest, String field, String problem) {
    rejects(THRESHOLD + rest, field, problem);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "'window':'25h'                    | window | must be from 1m to 1d",
        "'window':'90s'                    | window | must be whole minutes",
        "'alpha':0                         | alpha | must be above 0 and at most 0.5, got 0",
        "'alpha':0.51                      | alpha | must be above 0 and at most 0.5, got 0.51",
        "'alpha':'0.1'                     | alpha | must be a number",
        "'minChange':-0.1                  | minChange | must be 0 or more",
        "'baselineDays':0                  | baselineDays | must be from 1 to 28, got 0",
        "'baselineDays':29                 | baselineDays | must be from 1 to 28, got 29",
        "'baselineDays':7.5                | baselineDays | must be a whole number",
        "'minSamples':1                    | minSamples | must be from 2 to 100000, got 1",
        "'minSamples':100001               | minSamples | must be from 2 to 100000",
      })
  void rejectsDriftRulesNamingTheField(String rest, String field, String problem) {
    rejects("{'name':'d','kind':'drift','metric':'latency_p50_ms'," + rest + "}", field, problem);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "'period':'month'                    | amountUsd | required for budget rules",
        "'amountUsd':0                       | amountUsd | must be above 0, got 0",
        "'amountUsd':-5                      | amountUsd | must be above 0, got -5",
        "'amountUsd':'500'                   | amountUsd | must be a number, got a string",
        "'amountUsd':1,'warnAtPercent':0     | warnAtPercent | must be above 0 and below 100, got 0",
        "'amountUsd':1,'warnAtPercent':100   | warnAtPercent | must be above 0 and below 100, got 100",
        "'amountUsd':1,'period':'year'       | period | must be one of day, week, month, got \"year\"",
        "'amountUsd':1,'timeZone':'Mars/Olympus' | timeZone | unknown time zone \"Mars/Olympus\"",
        "'amountUsd':1,'timeZone':''         | timeZone | unknown time zone",
        "'amountUsd':1,'timeZone':5          | timeZone | must be a string",
      })
  void rejectsBudgetRulesNamingTheField(String rest, String field, String problem) {
    rejects("{'name':'b','kind':'budget'," + rest + "}", field, problem);
  }

  @Test
  void rejectsTooManyChannels() {
    StringBuilder channels = new StringBuilder();
    for (int i = 0; i < 21; i++) {
      channels.append(i == 0 ? "" : ",").append("'chn_").append(i).append("'");
    }
    rejects(
        THRESHOLD + "'threshold':1,'channels':[" + channels + "]}",
        "channels",
        "at most 20 channels, got 21");
  }

  @Test
  void hugeStringsAreRejectedWithShortMessages() {
    String huge = "x".repeat(1_000_000);
    InvalidRuleException name = rejected(json("{'kind':'swap','name':'" + huge + "'}"));
    assertThat(name.getMessage()).isEqualTo("name: must be at most 200 characters, got 1000000");

    InvalidRuleException label =
        rejected(json(THRESHOLD + "'threshold':1,'labels':{'team':'" + huge + "'}}"));
    assertThat(label.getMessage())
        .isEqualTo("labels.team: must be at most 1024 characters, got 1000000");

    InvalidRuleException annotation =
        rejected(json(THRESHOLD + "'threshold':1,'annotations':{'summary':'" + huge + "'}}"));
    assertThat(annotation.field()).isEqualTo("annotations.summary");

    for (String body :
        List.of(
            // Jackson itself refuses names over 50,000 characters
            "{'" + huge.substring(0, 40_000) + "':1}",
            THRESHOLD + "'threshold':1,'labels':{'" + huge.substring(0, 40_000) + "':'a'}}",
            THRESHOLD + "'threshold':1,'kind':'" + huge + "'}",
            THRESHOLD + "'threshold':1,'channels':['" + huge + "']}",
            THRESHOLD + "'threshold':1,'window':'" + huge + "'}",
            THRESHOLD + "'threshold':1,'filter':{'model':'" + huge + "'}}",
            THRESHOLD + "'threshold':1,'groupBy':['" + huge + "']}")) {
      assertThat(rejected(json(body)).getMessage()).hasSizeLessThan(300);
    }
  }

  @Test
  void nullMeansAbsentForOptionalFieldsEvenOfOtherKinds() {
    AlertRule rule =
        RuleJson.read(
            json(
                THRESHOLD
                    + "'threshold':1,'warnThreshold':null,'filter':null,'groupBy':null,"
                    + "'labels':null,'annotations':null,'channels':null,'window':null,'op':null,"
                    + "'amountUsd':null,'alpha':null,'enabled':null,'severity':null}"));
    assertThat(rule.warnThreshold()).isNull();
    assertThat(rule.filter()).isEqualTo(RuleFilter.ANY);
    assertThat(rule.window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(rule.op()).isEqualTo(Comparison.GT);
    assertThat(rule.enabled()).isTrue();
  }

  @Test
  void wholeDoublesAreAcceptedAsWholeNumbers() {
    assertThat(RuleJson.read(json(THRESHOLD + "'threshold':1,'minCalls':20.0}")).minCalls())
        .isEqualTo(20);
  }

  @Test
  void readTakesATreeNotBuiltFromText() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("name", "n").put("kind", "threshold").put("metric", "calls");
    body.put("threshold", Double.NaN);
    assertThat(rejected(body).getMessage())
        .isEqualTo("threshold: must be a finite number, got NaN");
    body.put("threshold", Double.POSITIVE_INFINITY);
    assertThat(rejected(body).field()).isEqualTo("threshold");
    body.put("threshold", 5).put("warnThreshold", Double.NaN);
    assertThat(rejected(body).field()).isEqualTo("warnThreshold");
  }
}
