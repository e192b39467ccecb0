-- The Bucket4j state of V3: since V6 every request takes its turn as it leaves (source_send_spacing),
-- and nothing reads or writes this table any more.
DROP TABLE IF EXISTS rate_limit_bucket;
