-- A project's own prices (custom models, negotiated rates, corrections), USD per 1M tokens. They are looked up
-- before the built-in catalog (see PriceCatalog.overriddenBy), from their effective day on.
-- ReplacingMergeTree(updated_at) on (project_id, provider, model_pattern, effective_from): writing the same price
-- again replaces it; a delete is a newer row with deleted = true. Read with FINAL. project_id leads because every
-- read is one project's prices.
CREATE TABLE IF NOT EXISTS project_prices
(
    project_id            LowCardinality(String),
    provider              LowCardinality(String),
    model_pattern         String,
    effective_from        Date,
    any_provider          Bool,
    input_per_million     Decimal(18, 9),
    output_per_million    Decimal(18, 9),
    cache_read_per_million  Nullable(Decimal(18, 9)),
    cache_write_per_million Nullable(Decimal(18, 9)),
    reasoning_per_million Nullable(Decimal(18, 9)),
    source                String,
    deleted               Bool,
    updated_at            DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (project_id, provider, model_pattern, effective_from)
