/**
 * The source SPI: what a metadata source implements, and all it implements.
 *
 * <h2>A source</h2>
 * A source is a Spring bean implementing {@link dev.trackenricher.source.SourceClient} (an HTTP API
 * extends {@link dev.trackenricher.source.client.HttpSourceClient}, which carries the shared steps)
 * plus a config block {@code enricher.sources.<name>} in {@code batch-config/sources.yml}
 * ({@link dev.trackenricher.source.SourceSettings}); its fields' merge priorities go in
 * {@code batch-config/merge.yml}. Nothing else names it: its branch route is instantiated from the
 * template {@code source-branch} (routes/sources.yaml) for every config block, the fan-out sends to
 * every source the plan asks, and the registry ({@link dev.trackenricher.source.SourceClients})
 * checks at start-up that every block has a source and every source a block.
 *
 * <p>A source declares what it needs, and the infrastructure checks it before the call:
 * <ul>
 * <li>{@link dev.trackenricher.source.SourceClient#credentialNames()}: credentials, by name
 * ({@code client_id}, {@code client_secret}, {@code token}, {@code api_key}); without all of them
 * the attempt is skipped; {@code PUT /sources/{name}/credentials} may rotate them;</li>
 * <li>{@link dev.trackenricher.source.SourceClient#runsAfter()}: sources whose answer it needs, so
 * its branch runs after theirs (AcousticBrainz after MusicBrainz);</li>
 * <li>{@link dev.trackenricher.source.SourceClient#missingPrerequisite}: what a track lacks for it
 * (a MusicBrainz recording id): the attempt is skipped.</li>
 * </ul>
 *
 * <h2>Answers and hints</h2>
 * {@link dev.trackenricher.source.SourceClient#fetch} answers one
 * {@link dev.trackenricher.source.SourceRequest} with a
 * {@link dev.trackenricher.source.SourceResult} (found with fields and confidence, or not_found
 * with a reason), or throws a documented exception:
 * {@link dev.trackenricher.source.SourceFailureException} (failed; counts toward the breaker),
 * {@link dev.trackenricher.source.SourceConfigurationException} (failed, and the source stops),
 * {@link dev.trackenricher.source.SourceRateLimitedException} (rate_limited; the breaker ignores it).
 * What an answer says about asking again travels back as {@link dev.trackenricher.source.Hint}
 * values on the result or the exception ({@code RetryAfter}, {@code PauseUntil},
 * {@code FeatureOff}, {@code Stop}); a source never calls into the limiter or the breaker. The
 * branch applies them after recording the result; a switched-off feature comes back to the source
 * in {@link dev.trackenricher.source.SourceRequest#featureOff}.
 *
 * <h2>Several tracks in one request</h2>
 * {@link dev.trackenricher.source.SourceClient#maxBatch()} says how many tracks one request may
 * carry, {@link dev.trackenricher.source.SourceClient#fetchBatch} answers them by track id and
 * never throws (a failure is each concerned track's failed result, with its hints). The default
 * fetches track by track; an HTTP source with a batch form overrides {@code maxBatch()} and
 * {@code lookupBatch}, and its one request takes one rate-limit permit, is cached as one answer and,
 * when it fails, fails each of its tracks for that source only.
 *
 * <h2>Below the SPI</h2>
 * The infrastructure a source's requests pass through, each package depending only on those
 * below it: {@code source.client} (the template base and what it is built from) →
 * {@code source.cache} (the response cache, a decorator of the transport) → {@code source.limits}
 * (shared permits, pacing, pauses) → {@code source.http} (the HTTP exchange, URI encoding, status
 * mapping, metrics); beside them {@code source.breaker} (breakers, stops, switched-off features)
 * and, outside the tree, {@code credentials} (store, REST handler, redaction). Nothing under
 * {@code source} depends on the fan-out, the batch jobs, the REST layer or security.
 */
package dev.trackenricher.source;
