/**
 * Each source's shared rate-limit permits (Bucket4j on PostgreSQL) or strict spacing from the previous
 * answer, this instance's pacing of its sends, pauses ("until T", in {@code source_pause}, for every
 * instance) and optional budgets ({@code source_budget_slot}). The one owner of {@code rate_limit_bucket},
 * {@code source_pause}, {@code source_budget_slot} and {@code source_send_spacing}.
 */
package dev.trackenricher.source.limits;
