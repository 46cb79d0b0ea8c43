-- A project's saved views by name; a deleted view's last version has deleted = true.
SELECT view_id, name, query, created_at
FROM saved_views FINAL
WHERE project_id = {project:String}
  AND NOT deleted
ORDER BY name, view_id
