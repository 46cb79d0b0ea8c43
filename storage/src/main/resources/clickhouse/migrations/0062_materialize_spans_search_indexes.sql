-- Builds the indexes of 0061 for the parts stored before it (new parts get them when written). A background
-- mutation: searches work meanwhile, reading those parts without the index.
ALTER TABLE spans
    MATERIALIZE INDEX idx_user,
    MATERIALIZE INDEX idx_session,
    MATERIALIZE INDEX idx_attr_values,
    MATERIALIZE INDEX idx_text
