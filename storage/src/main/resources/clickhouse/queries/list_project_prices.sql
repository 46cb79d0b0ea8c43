-- A project's own prices (latest version of each, deleted ones left out).
SELECT provider, model_pattern, any_provider, input_per_million, output_per_million, cache_read_per_million,
       cache_write_per_million, reasoning_per_million, effective_from, source, deleted
FROM project_prices FINAL
WHERE project_id = {project:String}
ORDER BY provider, model_pattern, effective_from
