-- Its rows are in scores (0073).
DROP TABLE IF EXISTS llm_scores
