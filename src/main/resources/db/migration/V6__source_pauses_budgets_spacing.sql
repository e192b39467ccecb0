-- Quota-aware pauses, budgets and strict spacing (owner: source/limits). Every instance reads and
-- writes the same rows, so a pause one instance learned, a budget spent by all of them and the time
-- the last request of a strictly spaced source came back hold for every instance, and for one that
-- restarts.

-- A source paused until a time: the API said so (Retry-After, a spent quota, a blocked key, its own
-- window used up), or the source's own budget is spent. One row per source: a new pause replaces the
-- row only when it ends later ("until the latest", never a sum). Lifted by an operator (the row deleted).
CREATE TABLE source_pause (
    source       text        PRIMARY KEY,
    paused_until timestamptz NOT NULL,
    reason       text        NOT NULL,
    paused_at    timestamptz NOT NULL DEFAULT now()
);

-- A source's budget (enricher.sources.<name>.budget): the requests sent per slot of 1/60 of the
-- budget's window, so "how many in the last window" is a sum over at most 61 rows.
CREATE TABLE source_budget_slot (
    source     text        NOT NULL,
    slot_start timestamptz NOT NULL,
    requests   integer     NOT NULL,
    PRIMARY KEY (source, slot_start)
);

-- The earliest time each rate-limited source's next request may leave: written as a request leaves
-- (or, for a strictly spaced source, when its answer came back). Replaces rate_limit_bucket (V3),
-- whose permits were reservations taken before the request left; that table is no longer used.
CREATE TABLE source_send_spacing (
    source       text        PRIMARY KEY,
    next_send_at timestamptz NOT NULL
);
