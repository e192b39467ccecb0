-- Per-source rate-limit buckets (Bucket4j's PostgreSQL proxy): every thread and every instance of
-- the service takes its permits from the same row, so a source's limit holds across instances.
CREATE TABLE rate_limit_bucket (
    id    text PRIMARY KEY,
    state bytea
);
