-- The end user and the conversation (session) of a span, read from every dialect's attribute when the row is
-- written: Langfuse (langfuse.user.id / langfuse.session.id), OpenTelemetry (user.id, enduser.id, session.id,
-- gen_ai.conversation.id; OpenInference uses the same user.id / session.id) and OpenLLMetry's association
-- properties, span attributes before resource attributes. MATERIALIZED: computed from the attributes the row
-- already keeps, so ingest sends nothing new, and rows stored before this migration answer from their attributes
-- too (an old part computes the expression when read). 256 characters at most: an id, not content.
ALTER TABLE spans
    ADD COLUMN IF NOT EXISTS user_id String MATERIALIZED left(multiIf(
        attributes['langfuse.user.id'] != '', attributes['langfuse.user.id'],
        attributes['user.id'] != '', attributes['user.id'],
        attributes['enduser.id'] != '', attributes['enduser.id'],
        attributes['traceloop.association.properties.user_id'] != '', attributes['traceloop.association.properties.user_id'],
        attributes['traceloop.association.properties.userId'] != '', attributes['traceloop.association.properties.userId'],
        resource_attributes['user.id'] != '', resource_attributes['user.id'],
        resource_attributes['enduser.id']), 256),
    ADD COLUMN IF NOT EXISTS session_id String MATERIALIZED left(multiIf(
        attributes['langfuse.session.id'] != '', attributes['langfuse.session.id'],
        attributes['session.id'] != '', attributes['session.id'],
        attributes['gen_ai.conversation.id'] != '', attributes['gen_ai.conversation.id'],
        attributes['traceloop.association.properties.session_id'] != '', attributes['traceloop.association.properties.session_id'],
        attributes['traceloop.association.properties.sessionId'] != '', attributes['traceloop.association.properties.sessionId'],
        attributes['traceloop.association.properties.conversation_id'] != '', attributes['traceloop.association.properties.conversation_id'],
        resource_attributes['session.id']), 256)
