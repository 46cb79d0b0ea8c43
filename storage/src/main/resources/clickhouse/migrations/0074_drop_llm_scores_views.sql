-- llm_scores is replaced by scores (0070–0073): its views stop, so a span stored from now on is scored once.
DROP VIEW IF EXISTS llm_scores_from_events_mv
