-- A project's evaluators (their settings JSON); a deleted evaluator's last version has deleted = true.
SELECT evaluator_id, settings, created_at
FROM evaluators FINAL
WHERE project_id = {project:String}
  AND NOT deleted
ORDER BY evaluator_id
