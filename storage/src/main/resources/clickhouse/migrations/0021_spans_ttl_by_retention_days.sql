-- ClickHouse drops a span once it is older than its project's retention (checked at merges).
ALTER TABLE spans MODIFY TTL toDateTime(start_time) + toIntervalDay(retention_days)
