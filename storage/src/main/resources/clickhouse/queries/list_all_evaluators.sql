-- Every project's evaluators (the runner's round reads them all in one query, however many projects there are).
SELECT project_id, evaluator_id, settings, created_at
FROM evaluators FINAL
WHERE NOT deleted
ORDER BY project_id, evaluator_id
