-- A second text index, of whole words (split at every character that is not an ASCII letter or digit), over the
-- same text as idx_text but joined with spaces (the engine takes one text index per expression). A phrase of
-- English words is found through its words' posting lists: in the 10M-span benchmark a rare three-word phrase read
-- 271 of 288 granules through the bigram index alone (every granule holds all its character pairs), 548 ms; with
-- this index 63 ms. Text without spaces (Chinese, Japanese) is one "word" here and is found through idx_text.
-- The expression must stay identical to TraceSearchQueries.SEARCH_WORDS.
ALTER TABLE spans
    ADD INDEX IF NOT EXISTS idx_text_words lowerUTF8(concat(name, ' ', llm_input, ' ', llm_output, ' ',
        arrayStringConcat(mapValues(attributes), ' '))) TYPE text(tokenizer = splitByNonAlpha)
