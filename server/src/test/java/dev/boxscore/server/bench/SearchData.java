package dev.boxscore.server.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The trace search benchmark's data (issue 16): {@code spans} spans over the 30 days before the
 * current hour, generated inside the engine with {@code INSERT … SELECT … FROM numbers()} through
 * the normal spans table, so that its MATERIALIZED user and session columns, its skip and text
 * indexes and every rollup view are filled by the engine as in production.
 *
 * <p>Each trace has {@value #SPANS_PER_TRACE} spans: a SERVER root ({@code POST /api/<service>}),
 * an INTERNAL retrieval span and two LLM calls one after the other (log-normal latencies, medians
 * ~665 ms and ~490 ms; TTFT on half the calls; 2% errors per call; six models of five providers,
 * one without a price; three prompt versions). The LLM calls carry {@code user.id} (5,000 users),
 * {@code session.id} (sessions of 1–10 traces, about a minute apart), {@code app.tenant} (200
 * tenants) and {@code app.feature}; a third of them carry captured content (an input and an output
 * of a few hundred characters made of sentences drawn from an English, a Chinese and an Arabic
 * pool: 80/10/10%, with an order number). Needles with known answers are planted in the first LLM
 * call's output of chosen traces: {@link #NEEDLES}, each {@value #NEEDLES_IN_WEEK} times in the
 * last 7 days and {@value #NEEDLES_BEFORE} times 10–20 days before the end.
 */
final class SearchData {
  static final int SPANS_PER_TRACE = 4;
  static final int NEEDLES_IN_WEEK = 20;
  static final int NEEDLES_BEFORE = 5;

  /** Planted: the word searched for, and the sentence that carries it. */
  record Needle(String name, String term, String sentence) {}

  static final List<Needle> NEEDLES =
      List.of(
          new Needle(
              "rare English phrase",
              "velvet thunder warranty",
              "Please file this under the velvet thunder warranty programme."),
          new Needle("rare Chinese word", "翡翠螳螂", "客户询问翡翠螳螂礼盒的保修问题。"),
          new Needle("rare Arabic word", "الزعفران", "سأل العميل عن شحنة الزعفران المتأخرة."));

  /** Occurs in about a third of the English contents. */
  static final String COMMON_WORD = "refund";

  private static final String[] EN = {
    "I was charged twice for my last order and would like a refund as soon as possible.",
    "Can you explain how the refund is calculated when only part of the order is returned?",
    "The package arrived damaged, the box was crushed and two glasses were broken.",
    "Please summarize the attached support ticket in three short bullet points.",
    "What is the difference between the standard plan and the premium plan?",
    "Your refund has been approved and will appear on your statement within five business days.",
    "I could not find the tracking number in the confirmation email you sent yesterday.",
    "Translate the following paragraph into plain language for a new customer.",
    "The invoice lists a shipping fee that was supposed to be waived for members.",
    "Our records show that the item was delivered to the front desk on Tuesday afternoon.",
    "Classify this message as billing, shipping, technical or other, and explain why.",
    "We are sorry for the inconvenience; a replacement has been scheduled for delivery.",
    "The app crashes every time I try to upload a photo of the receipt.",
    "Refund requests made after thirty days are reviewed by a member of the billing team.",
    "Extract the customer name, the order date and the total amount from the text below.",
    "The discount code expired before I could complete the checkout.",
    "Based on the conversation so far, the customer seems frustrated but polite.",
    "I have reset the password link; it will be valid for the next twenty four hours.",
    "Please check whether the warranty covers water damage to the charging port.",
    "The search results did not include the blue version of the jacket in size medium.",
    "A partial refund of twelve dollars was issued for the missing accessories.",
    "Write a friendly reply that thanks the customer and asks for the serial number.",
    "The subscription renews automatically unless it is cancelled before the billing date.",
    "I moved to a new address and need to update it before the next shipment.",
    "The courier left a note saying nobody was home, but I was there all day.",
    "List three alternatives to the product that are in stock and ship within two days.",
    "According to the policy, opened software cannot be returned for a refund.",
    "The model answered in the wrong language, please respond in English only.",
    "Escalate this ticket to a human agent if the customer asks for a manager.",
    "The meeting notes mention a budget increase for the next quarter and two new hires.",
  };

  private static final String[] ZH = {
    "我上周买的耳机到现在还没有发货，请帮我查一下物流信息。",
    "请把下面的客户留言总结成三句话。",
    "您的退款申请已经通过，款项将在五个工作日内退回原支付账户。",
    "这个订单的发票抬头写错了，可以重新开一张吗？",
    "会员可以享受免费配送和专属折扣。",
    "包裹外箱破损，里面的杯子碎了两个。",
    "请用简单的语言向新用户解释订阅的续费规则。",
    "我们已经为您安排了换货，新商品预计明天送达。",
    "应用在上传照片时总是闪退，请问怎么解决？",
    "根据对话内容，客户情绪比较着急，但态度礼貌。",
  };

  private static final String[] AR = {
    "لم يصل طلبي حتى الآن، هل يمكنكم التحقق من رقم التتبع؟",
    "تمت الموافقة على استرداد المبلغ وسيظهر في حسابك خلال خمسة أيام عمل.",
    "يرجى تلخيص رسالة العميل التالية في ثلاث نقاط قصيرة.",
    "وصل الطرد تالفا وكانت العلبة مكسورة من الجانب.",
    "ما الفرق بين الخطة الأساسية والخطة المميزة؟",
    "تم تحديث عنوان الشحن بنجاح قبل موعد الشحنة القادمة.",
    "التطبيق يتوقف عند محاولة رفع صورة الفاتورة.",
    "نعتذر عن الإزعاج، وسنرسل لك منتجا بديلا في أقرب وقت.",
    "يبدو أن العميل منزعج لكنه يتحدث بلطف.",
    "انتهت صلاحية رمز الخصم قبل إتمام عملية الشراء.",
  };

  private SearchData() {}

  /** What the benchmark needs to know about the data, and where it ends. */
  record Generated(Instant end, long spans, long traces) {
    Instant start() {
      return end.minus(Duration.ofDays(30));
    }

    /** The trace id of trace number {@code t}. */
    static String traceId(long t) {
      return String.format("%032x", t);
    }
  }

  /**
   * Makes sure the project holds this data: reuses a kept data directory's ({@code
   * -Dbenchmark.dataDir}) or generates it, then appends what it did and every table's size to the
   * report.
   */
  static Generated prepare(
      HttpClient http, String url, String project, long spans, long chunk, StringBuilder report)
      throws IOException, InterruptedException {
    if (spans % SPANS_PER_TRACE != 0) {
      throw new IllegalArgumentException("benchmark.spans must be a multiple of 4");
    }
    long traces = spans / SPANS_PER_TRACE;
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
    long stored = count(http, url, "boxscore.spans WHERE project_id = '" + project + "'");
    if (stored == spans) {
      // The first trace starts in the first second of the 30 days.
      end =
          Instant.ofEpochSecond(
              Long.parseLong(
                  BenchData.sql(
                          http,
                          url,
                          "SELECT toUnixTimestamp(toStartOfHour(min(start_time))) + 30 * 86400"
                              + " FROM boxscore.spans WHERE project_id = '"
                              + project
                              + "' FORMAT TabSeparated")
                      .trim()));
      report.append(
          String.format(
              "spans=%d (%d traces) over 30 days ending %s (reused from %s)%n",
              spans, traces, end, System.getProperty("benchmark.dataDir")));
      return new Generated(end, spans, traces);
    }
    if (stored != 0) {
      throw new IllegalStateException(
          "the data directory holds "
              + stored
              + " spans, not "
              + spans
              + ": use an empty or a matching -Dbenchmark.dataDir");
    }
    Instant start = end.minus(Duration.ofDays(30));
    report.append(
        String.format("spans=%d (%d traces) over 30 days ending %s%n", spans, traces, end));
    long t0 = System.nanoTime();
    for (long offset = 0; offset < spans; offset += chunk) {
      long n = Math.min(chunk, spans - offset);
      BenchData.sql(http, url, generate(project, start, traces, offset, n));
      System.out.printf(
          "benchmark: %d spans written after %.1f s%n", offset + n, (System.nanoTime() - t0) / 1e9);
    }
    double genS = (System.nanoTime() - t0) / 1e9;
    report.append(String.format("generation: %.1f s (%.0f spans/s)%n", genS, spans / genS));
    t0 = System.nanoTime();
    // The rollups merged to their final state, as a long-running server's would be.
    for (String table :
        BenchData.sql(
                http,
                url,
                "SELECT name FROM system.tables WHERE database = 'boxscore'"
                    + " AND engine = 'AggregatingMergeTree' FORMAT TabSeparated")
            .trim()
            .split("\n")) {
      BenchData.sql(http, url, "OPTIMIZE TABLE boxscore." + table + " FINAL");
    }
    report.append(
        String.format("rollups OPTIMIZE FINAL: %.1f s%n", (System.nanoTime() - t0) / 1e9));
    return new Generated(end, spans, traces);
  }

  static long count(HttpClient http, String url, String from)
      throws IOException, InterruptedException {
    return Long.parseLong(
        BenchData.sql(http, url, "SELECT count() FROM " + from + " FORMAT TabSeparated").trim());
  }

  /**
   * The traces that carry needle {@code i}: {@value #NEEDLES_IN_WEEK} spread over the last 7 days
   * (an hour clear of its start) and {@value #NEEDLES_BEFORE} over days 10–20; each needle offset
   * from the others.
   */
  static List<Long> needleTraces(long traces, int i) {
    List<Long> out = new ArrayList<>();
    long weekFrom = traces * 23 / 30 + traces / 720;
    long weekTo = traces - traces / 7200;
    for (int j = 0; j < NEEDLES_IN_WEEK; j++) {
      out.add(weekFrom + (weekTo - weekFrom) * j / NEEDLES_IN_WEEK + 7L * i);
    }
    long oldFrom = traces * 10 / 30;
    long oldTo = traces * 20 / 30;
    for (int j = 0; j < NEEDLES_BEFORE; j++) {
      out.add(oldFrom + (oldTo - oldFrom) * j / NEEDLES_BEFORE + 7L * i);
    }
    return out;
  }

  /** Spans numbered offset … offset + n − 1 (four per trace) of {@code traces} traces. */
  private static String generate(String project, Instant start, long traces, long offset, long n) {
    StringBuilder needle = new StringBuilder("multiIf(");
    for (int i = 0; i < NEEDLES.size(); i++) {
      needle
          .append("k = 2 AND has(")
          .append(needleTraces(traces, i))
          .append(", t), ")
          .append(lit(NEEDLES.get(i).sentence()))
          .append(", ");
    }
    needle.append("'')");
    String sql =
        """
        INSERT INTO boxscore.spans (project_id, trace_id, span_id, parent_span_id, name, kind, service,
            scope_name, scope_version, start_time, duration_ns, status_code, status_message, attributes,
            resource_attributes, events, is_llm, llm_provider, llm_operation, request_model, response_model,
            usage_reported, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
            reasoning_tokens, cost_usd, ttft_ms, finish_reasons, response_id, streaming, system_fingerprint,
            prompt_fingerprint, prompt_version, llm_input, llm_output, ingested_at, tokens_estimated,
            retention_days)
        SELECT $P, lower(leftPad(hex(t), 32, '0')), lower(leftPad(hex(n), 16, '0')),
            if(k = 0, '', lower(leftPad(hex(t * 4), 16, '0'))),
            multiIf(k = 0, concat('POST /api/', svc), k = 1, 'retrieve context', concat('chat ', m.1)),
            multiIf(k = 0, 'SERVER', k = 1, 'INTERNAL', 'CLIENT'), svc, 'bench', '1',
            fromUnixTimestamp64Nano(multiIf(k = 0, t0, k = 1, t0 + 5000000, k = 2, t0 + 5000000 + ret,
                t0 + 7000000 + ret + l1), 'UTC'),
            toUInt64(multiIf(k = 0, 10000000 + ret + l1 + l2, k = 1, ret, k = 2, l1, l2)),
            if(llm AND cityHash64(t, k, 3) % 100 < 2, 'ERROR', 'UNSET'), '',
            multiIf(k = 0, map('http.route', concat('/api/', svc), 'http.request.method', 'POST'),
                    k = 1, map('db.system', 'qdrant', 'db.collection.name', concat('kb-', svc)),
                    map('user.id', usr, 'session.id', sess,
                        'app.tenant', concat('tenant-', toString(cityHash64(t, 33) % 200)),
                        'app.feature', ['chat', 'summarize', 'classify', 'extract', 'translate'][cityHash64(t, k, 34) % 5 + 1])),
            map('service.name', svc), '', llm,
            if(llm, m.2, ''), if(llm, 'chat', ''), if(llm, m.1, ''), if(llm, m.3, ''), llm,
            if(llm, 200 + cityHash64(t, k, 1) % 2000, 0), if(llm, 20 + cityHash64(t, k, 2) % 500, 0),
            if(llm AND cityHash64(t, k, 6) % 4 = 0, intDiv(200 + cityHash64(t, k, 1) % 2000, 2), 0), 0, 0,
            NULL, if(llm AND stream, if(k = 2, l1, l2) / 1e6 * 0.3, NULL),
            if(llm, [if(cityHash64(t, k, 8) % 20 = 0, 'length', 'stop')], []), '',
            if(llm, stream, NULL), if(llm, 'fp_1', ''), '',
            if(llm, ['v1', 'v2', 'v3'][cityHash64(t, k, 10) % 3 + 1], ''),
            if(content, multiIf(
                lang = 0, concat('你是', svc, '服务的助手。用户', usr, '写道：', zh[h1 % length(zh) + 1], zh[h2 % length(zh) + 1], '订单号', ord, '。'),
                lang = 1, concat('أنت مساعد خدمة ', svc, '. كتب المستخدم ', usr, ': ', ar[h1 % length(ar) + 1], ' ', ar[h2 % length(ar) + 1], ' رقم الطلب ', ord, '.'),
                concat('You are the ', svc, ' assistant of Acme. Customer ', usr, ' writes: ', en[h1 % length(en) + 1], ' ', en[h2 % length(en) + 1],
                       ' Order #', ord, '.')), ''),
            if(content, concat(multiIf(
                lang = 0, concat(zh[h3 % length(zh) + 1], zh[h4 % length(zh) + 1], zh[h5 % length(zh) + 1]),
                lang = 1, concat(ar[h3 % length(ar) + 1], ' ', ar[h4 % length(ar) + 1], ' ', ar[h5 % length(ar) + 1]),
                concat(en[h3 % length(en) + 1], ' ', en[h4 % length(en) + 1], ' ', en[h5 % length(en) + 1])), if(needle = '', '', concat(' ', needle))), ''),
            now64(3), false, 90
        FROM (
            SELECT number AS n, intDiv(number, 4) AS t, number % 4 AS k, k >= 2 AS llm,
                toInt64($START + intDiv(t * $SPAN, $TRACES) + cityHash64(t, 9) % 1000) * 1000000 AS t0,
                toInt64(20 + cityHash64(t, 11) % 180) * 1000000 AS ret,
                toInt64(1e6 * exp(6.5 + 0.5 * sqrt(-2 * log((cityHash64(t, 12) % 1000000 + 1) / 1000001))
                    * cos(2 * pi() * (cityHash64(t, 13) % 1000000) / 1e6))) AS l1,
                toInt64(1e6 * exp(6.2 + 0.5 * sqrt(-2 * log((cityHash64(t, 14) % 1000000 + 1) / 1000001))
                    * cos(2 * pi() * (cityHash64(t, 15) % 1000000) / 1e6))) AS l2,
                ['checkout', 'search', 'support', 'summarizer', 'triage'][cityHash64(t, 4) % 5 + 1] AS svc,
                [('gpt-4o', 'openai', 'gpt-4o-2024-08-06'), ('gpt-4o-mini', 'openai', 'gpt-4o-mini-2024-07-18'),
                 ('claude-sonnet-4-5', 'anthropic', 'claude-sonnet-4-5-20250929'),
                 ('gemini-2.5-flash', 'gcp.gemini', 'gemini-2.5-flash'), ('gpt-4.1-mini', 'openai', 'gpt-4.1-mini'),
                 ('acme-internal-7', 'acme', 'acme-internal-7')][cityHash64(t, k) % 6 + 1] AS m,
                cityHash64(t, k, 7) % 2 = 0 AS stream,
                intDiv(t, 640) AS g, t % 64 AS lane, intDiv(t % 640, 64) AS slot,
                concat('user-', toString(cityHash64(g, lane, 32) % 5000)) AS usr,
                concat('sess-', toString(g), '-', toString(lane), '-',
                       toString(intDiv(slot, 1 + cityHash64(g, lane, 31) % 10))) AS sess,
                $NEEDLE AS needle,
                llm AND (cityHash64(t, k, 20) % 3 = 0 OR needle != '') AS content,
                if(needle != '', 2, cityHash64(t, k, 21) % 10) AS lang,
                toString(100000 + cityHash64(t, 22) % 900000) AS ord,
                $EN AS en, $ZH AS zh, $AR AS ar,
                cityHash64(t, k, 23) AS h1, cityHash64(t, k, 24) AS h2, cityHash64(t, k, 25) AS h3,
                cityHash64(t, k, 26) AS h4, cityHash64(t, k, 27) AS h5
            FROM numbers($OFFSET, $N))
        """;
    return sql.replace("$P", lit(project))
        .replace("$START", Long.toString(start.toEpochMilli()))
        .replace("$SPAN", Long.toString(Duration.ofDays(30).toMillis()))
        .replace("$TRACES", Long.toString(traces))
        .replace("$NEEDLE", needle)
        .replace("$EN", array(EN))
        .replace("$ZH", array(ZH))
        .replace("$AR", array(AR))
        .replace("$OFFSET", Long.toString(offset))
        .replace("$N", Long.toString(n));
  }

  private static String array(String[] values) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    for (String v : values) {
      j.add(lit(v));
    }
    return j.toString();
  }

  /** A SQL string literal. */
  static String lit(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
