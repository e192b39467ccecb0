/**
 * Each source's rate limit across every instance: requests spaced as they leave, strictly (from the
 * previous answer) where the API's window holds one request ({@code source_send_spacing}); pauses
 * ("until T", {@code source_pause}) and optional budgets ({@code source_budget_slot}). The one owner of
 * those tables.
 */
package dev.trackenricher.source.limits;
