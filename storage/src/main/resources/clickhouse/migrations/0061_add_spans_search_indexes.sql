-- What the trace search reads instead of scanning (see TraceSearchQueries):
-- * idx_user, idx_session: "user:4711", "session:…", a user's or a conversation's traces over 30 days read only the
--   granules that hold them.
-- * idx_text: full-text search over a span's name, captured input and output and attribute values, lower-cased.
--   An inverted index of character bigrams (ClickHouse's text index, GA since 26.2): `LIKE '%phrase%'` reads the
--   posting lists of the phrase's bigrams, so it works for text without spaces (Chinese, Japanese), for Arabic and
--   for English alike; a phrase of one character scans. The expression must stay identical to
--   TraceSearchQueries.SEARCH_TEXT (a test compares them), or the index is not used.
-- * idx_attr_values: "attr.KEY:VALUE" on a rare value.
ALTER TABLE spans
    ADD INDEX IF NOT EXISTS idx_user user_id TYPE bloom_filter(0.01) GRANULARITY 1,
    ADD INDEX IF NOT EXISTS idx_session session_id TYPE bloom_filter(0.01) GRANULARITY 1,
    ADD INDEX IF NOT EXISTS idx_attr_values mapValues(attributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    ADD INDEX IF NOT EXISTS idx_text lowerUTF8(concat(name, '\n', llm_input, '\n', llm_output, '\n',
        arrayStringConcat(mapValues(attributes), '\n'))) TYPE text(tokenizer = ngrams(2))
