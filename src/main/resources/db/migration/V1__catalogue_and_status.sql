-- The catalogue and its enrichment state. Names follow the specification (DESIGN.md "Schema").

CREATE TABLE tracks (
    id          uuid PRIMARY KEY,
    artist_name text        NOT NULL CHECK (length(artist_name) BETWEEN 1 AND 1000),
    title       text        NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
    isrc        varchar(12) CHECK (isrc ~ '^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$'),
    spotify_id  varchar(64),
    duration_ms integer     CHECK (duration_ms > 0),
    metadata    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enrichment_status (
    track_id            uuid PRIMARY KEY REFERENCES tracks (id) ON DELETE CASCADE,
    status              varchar(16) NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'in_progress', 'completed', 'partial', 'failed')),
    sources_enriched    integer     NOT NULL DEFAULT 0,
    last_attempt        timestamptz,
    retry_count         integer     NOT NULL DEFAULT 0,
    error_message       text,
    is_retriable        boolean     NOT NULL DEFAULT false,
    -- when the track is next due; NULL = not due (nothing left to ask, or retries used up)
    next_attempt_at     timestamptz,
    -- a claim by one enrich run; a claim older than enricher.batch.claim-timeout may be taken again
    claimed_at          timestamptz,
    claim_token         uuid,
    status_before_claim varchar(16),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX enrichment_status_due ON enrichment_status (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX enrichment_status_claimed ON enrichment_status (claimed_at) WHERE status = 'in_progress';
CREATE INDEX enrichment_status_status ON enrichment_status (status);

CREATE TABLE enrichment_source_status (
    track_id     uuid        NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    source       varchar(32) NOT NULL,
    outcome      varchar(16) NOT NULL
                 CHECK (outcome IN ('found', 'not_found', 'failed', 'short_circuited', 'rate_limited', 'skipped')),
    attempts     integer     NOT NULL DEFAULT 0,
    last_attempt timestamptz NOT NULL,
    error        text,
    -- the fields this source returned when found; kept so a re-run can re-merge without asking again
    data         jsonb,
    confidence   double precision,
    PRIMARY KEY (track_id, source)
);

CREATE INDEX enrichment_source_status_outcome ON enrichment_source_status (source, outcome);

-- Answers (found / not_found) only, never failures.
CREATE TABLE api_cache (
    source     varchar(32) NOT NULL,
    cache_key  text        NOT NULL,
    payload    jsonb       NOT NULL,
    fetched_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (source, cache_key)
);

CREATE INDEX api_cache_expires ON api_cache (expires_at);
