-- Source credentials set over the API (PUT /sources/{name}/credentials). They take precedence over
-- the configuration (environment) and reach every instance within enricher.security.credentials-refresh,
-- so a key is rotated without a restart. Values are never returned by the API nor logged.
CREATE TABLE source_credentials (
    source      text        NOT NULL,
    name        text        NOT NULL CHECK (name IN ('client_id', 'client_secret', 'token', 'api_key')),
    value       text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, name)
);

-- Which service instance runs a job execution. With it, an instance tells its own dead runs (not
-- running in it any more, e.g. after the database went away mid-run) from another instance's live
-- ones; another instance's run counts as dead only when it made no progress for the claim timeout.
CREATE TABLE batch_execution_owner (
    job_execution_id bigint      PRIMARY KEY REFERENCES batch_job_execution (job_execution_id) ON DELETE CASCADE,
    instance_id      text        NOT NULL,
    started_at       timestamptz NOT NULL DEFAULT now()
);
