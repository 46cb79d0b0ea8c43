-- A new version of an evaluator (ReplacingMergeTree keeps the latest updated_at).
INSERT INTO evaluators (project_id, evaluator_id, settings, created_at, updated_at, deleted)
SELECT {project:String}, {id:String}, {settings:String},
       fromUnixTimestamp64Milli({created_ms:Int64}, 'UTC'), fromUnixTimestamp64Milli({updated_ms:Int64}, 'UTC'),
       {deleted:UInt8} = 1
