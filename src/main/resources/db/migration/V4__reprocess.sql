-- Reprocessing failed enrichments (bin/reprocess-failed-enrichments, POST /enrich/reprocess).

-- A reprocess --source NAME run resets a track so that its next enrich run asks only these sources
-- (and keeps every other source's standing). NULL: the next run plans every source as usual.
-- The enrich writer clears it when it writes the track.
ALTER TABLE enrichment_status ADD COLUMN reprocess_sources text[];

-- Spring Batch keeps job parameters in varchar(2500); a run for exactly the reset tracks passes
-- their ids as one parameter (37 characters each), so the column must hold any number of them.
ALTER TABLE batch_job_execution_params ALTER COLUMN parameter_value TYPE text;
