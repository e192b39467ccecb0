/**
 * The six APIs' wire formats, each written once: one class per API ({@link
 * dev.trackenricher.support.wire.SpotifyWire}, {@code MusicBrainzWire}, {@code DiscogsWire},
 * {@code LastFmWire}, {@code AcousticBrainzWire}, {@code GetSongBpmWire}) turns plain values
 * (its records: a track, a recording, a release…) into that API's answers, errors and rate-limit
 * answers as {@link dev.trackenricher.support.wire.WireAnswer}s. It knows shapes, never which
 * tracks exist: the WireMock stubs ({@code support.ApiStubs}) and the simulator ({@code simulator})
 * each map their own catalogue onto these records and decide when to answer what.
 *
 * <p>To add an answer shape (a batch answer, a new endpoint): add its path constant and a static
 * method to the API's class, building the page around the existing entity renderer (a batch
 * MusicBrainz search is {@code MusicBrainzWire.search(page, count, offset)} of search hits; an
 * AcousticBrainz bulk answer holds one {@code AcousticBrainzWire.document} per id); add a case to
 * {@code WireShapesTest} against a recorded answer in {@code src/test/resources/fixtures}; then
 * serve it from {@code ApiStubs} (a stub method) and the simulator ({@code SimulatedApis}: read
 * the request, look the tracks up, call the new method).
 *
 * <p>Nothing here depends on the service's code or on the stubs and simulator: both depend on it.
 */
package dev.trackenricher.support.wire;
