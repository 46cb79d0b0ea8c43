-- A project's score configs by name, archived ones last (archived, never deleted: their scores keep their meaning).
SELECT config_id, name, data_type, min_value, max_value, categories, description, archived, created_at
FROM score_configs FINAL
WHERE project_id = {project:String}
ORDER BY archived, name, config_id
