DROP VIEW IF EXISTS llm_scores_from_spans_mv
