-- A new version of a saved view (ReplacingMergeTree keeps the latest updated_at).
INSERT INTO saved_views (project_id, view_id, name, query, created_at, updated_at, deleted)
SELECT {project:String}, {id:String}, {name:String}, {query:String},
       fromUnixTimestamp64Milli({created_ms:Int64}, 'UTC'), fromUnixTimestamp64Milli({updated_ms:Int64}, 'UTC'),
       {deleted:UInt8} = 1
