-- llm_scores is replaced by scores (0070–0073): its views stop, so a span stored from now on is scored once. The
-- table itself is kept, unread, until its rows expire (TTL): several processes may run the migrations at once, and
-- dropping it could fail another process's 0073 that reads it.
DROP VIEW IF EXISTS llm_scores_from_events_mv
