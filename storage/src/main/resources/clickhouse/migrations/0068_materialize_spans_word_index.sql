-- Builds idx_text_words for the parts stored before 0067 (a background mutation; 8.4 s for 10M spans).
ALTER TABLE spans MATERIALIZE INDEX idx_text_words
