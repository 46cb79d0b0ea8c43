-- A new version of a score config (ReplacingMergeTree keeps the latest updated_at). An open end of the range is
-- bound as '' (a bound NULL does not reach the server as one).
INSERT INTO score_configs
    (project_id, config_id, name, data_type, min_value, max_value, categories, description, archived, created_at,
     updated_at)
SELECT {project:String}, {id:String}, {name:String}, {data_type:String}, if({min_value:String} = '', NULL, toFloat64({min_value:String})),
       if({max_value:String} = '', NULL, toFloat64({max_value:String})), {categories:String}, {description:String}, {archived:UInt8} = 1,
       fromUnixTimestamp64Milli({created_ms:Int64}, 'UTC'), fromUnixTimestamp64Milli({updated_ms:Int64}, 'UTC')
