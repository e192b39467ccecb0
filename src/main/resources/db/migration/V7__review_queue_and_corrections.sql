-- The curator's loop: undecided matches wait for a person (review_items), a person's corrections
-- are locked against enrichment (track_locks), and every manual change is kept (track_history).

-- A search whose best hit fell just short, or two recordings scoring alike, ends needs_review:
-- not found yet, not a failure.
ALTER TABLE enrichment_source_status DROP CONSTRAINT enrichment_source_status_outcome_check;
ALTER TABLE enrichment_source_status ADD CONSTRAINT enrichment_source_status_outcome_check
    CHECK (outcome IN ('found', 'not_found', 'failed', 'short_circuited', 'rate_limited', 'skipped', 'needs_review'));
-- 'curator': a person decided this outcome (accepted a candidate: found; rejected them all:
-- not_found); the planner does not ask the source again for the track (a rejection until a reset).
ALTER TABLE enrichment_source_status ADD COLUMN provenance varchar(16) CHECK (provenance IN ('curator'));
-- A correction made the source due again for this track (a new MusicBrainz id: AcousticBrainz).
ALTER TABLE enrichment_source_status ADD COLUMN ask_again boolean NOT NULL DEFAULT false;

-- One review item per undecided search of a track by a source; at most one open per track and source.
-- Decided items (accepted, rejected) are never reopened; superseded: the source decided by itself later.
CREATE TABLE review_items (
    id                 uuid PRIMARY KEY,
    track_id           uuid        NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    source             varchar(32) NOT NULL,
    state              varchar(16) NOT NULL DEFAULT 'open'
                       CHECK (state IN ('open', 'accepted', 'rejected', 'superseded')),
    why                text,
    -- best first: [{id, artist, title, version[], duration_ms, score, why}]
    candidates         jsonb       NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    decided_at         timestamptz,
    decided_by         text,
    accepted_candidate text
);

CREATE UNIQUE INDEX review_items_one_open ON review_items (track_id, source) WHERE state = 'open';
-- the queue, oldest first (keyset pages), all sources or one
CREATE INDEX review_items_queue ON review_items (created_at, id) WHERE state = 'open';
CREATE INDEX review_items_queue_by_source ON review_items (source, created_at, id) WHERE state = 'open';

-- Fields a person set (PATCH /tracks/{id}): enrichment never overwrites them.
CREATE TABLE track_locks (
    track_id uuid        NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    field    varchar(64) NOT NULL,
    value    jsonb       NOT NULL,
    set_at   timestamptz NOT NULL DEFAULT now(),
    set_by   text        NOT NULL,
    PRIMARY KEY (track_id, field)
);

-- Every manual change: a correction, a lock released, a review decision.
CREATE TABLE track_history (
    id         bigserial PRIMARY KEY,
    track_id   uuid        NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    field      varchar(64) NOT NULL,
    action     varchar(16) NOT NULL CHECK (action IN ('set', 'unlocked', 'accepted', 'rejected')),
    old_value  jsonb,
    new_value  jsonb,
    changed_by text        NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX track_history_track ON track_history (track_id, id);
