-- True when the provider reported no usage and the token columns hold Boxscore's own estimate (a tokenizer of the
-- model's family run over the captured content). usage_reported stays false for such rows, so "reported",
-- "estimated" and "unknown" (neither: no usage and no content) can always be told apart.
ALTER TABLE spans ADD COLUMN IF NOT EXISTS tokens_estimated Bool DEFAULT false
