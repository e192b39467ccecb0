-- Listing and exporting the catalogue (GET /tracks, GET /tracks/export, the export command).

-- Keyset paging, newest or oldest first: (created_at, id) is the order and the cursor, read from this
-- index in either direction. No OFFSET anywhere: page 1,000 costs what page 1 costs.
CREATE INDEX tracks_created_id ON tracks (created_at, id);

-- The text query q on artist and title, case- and accent-insensitive ("beyonce" finds "Beyoncé",
-- "SIGUR ROS" finds "Sigur Rós"), as a substring of each word given. pg_trgm's GIN index serves
-- LIKE '%…%' on the folded text; unaccent folds the accents. Both ship with PostgreSQL (contrib) and
-- are trusted extensions: the database's owner may create them.
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

-- unaccent() is only STABLE (its dictionary could change), so an index cannot use it directly; this
-- wrapper names the dictionary (schema-qualified, so no search_path changes what it means) and is
-- declared IMMUTABLE, the usual way to index unaccented text. The query side calls the same
-- function, so both sides fold alike. Case folding of letters beyond Latin follows the database's LC_CTYPE.
CREATE FUNCTION track_search_text(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

CREATE INDEX tracks_search ON tracks USING gin (track_search_text(artist_name || ' ' || title) gin_trgm_ops);
