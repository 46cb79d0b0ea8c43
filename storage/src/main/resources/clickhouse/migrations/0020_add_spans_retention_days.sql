-- Retention per project: each row carries its project's retention (set at ingest from the project's setting), because
-- a TTL is one expression for the whole table. A change of a project's retention applies to spans ingested after it.
ALTER TABLE spans ADD COLUMN IF NOT EXISTS retention_days UInt16 DEFAULT 30
