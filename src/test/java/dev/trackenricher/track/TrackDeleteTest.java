package dev.trackenricher.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** DELETE /tracks/{id}: the track and everything about it, in one transaction; only with the API token. */
class TrackDeleteTest extends IntegrationTest {

    int rows(String table, String column, UUID id) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE " + column + " = ?", Integer.class, id);
        return n == null ? 0 : n;
    }

    @Test
    void deletesTheTrackItsStatusAndEverySourceOutcome() throws Exception {
        TestTrack kept = TestTrack.numbered(1);
        TestTrack gone = TestTrack.numbered(2);
        ApiStubs.knowEverywhere(kept);
        ApiStubs.knowEverywhere(gone);
        List<UUID> ids = addTracks(List.of(kept, gone));
        runEnrich(null);
        assertThat(rows("enrichment_source_status", "track_id", ids.get(1))).isEqualTo(ApiStubs.SOURCES.size());

        Http.Answer answer = new Http(port).delete("/tracks/" + ids.get(1));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("deleted").asText()).isEqualTo(ids.get(1).toString());
        assertThat(answer.json().path("artist_name").asText()).isEqualTo(gone.artist());
        assertThat(rows("tracks", "id", ids.get(1))).isZero();
        assertThat(rows("enrichment_status", "track_id", ids.get(1))).isZero();
        assertThat(rows("enrichment_source_status", "track_id", ids.get(1))).isZero();
        assertThat(new Http(port).get("/tracks/" + ids.get(1)).status()).isEqualTo(404);
        // the other track is untouched
        assertThat(rows("tracks", "id", ids.get(0))).isOne();
        assertThat(rows("enrichment_source_status", "track_id", ids.get(0))).isEqualTo(ApiStubs.SOURCES.size());
    }

    @Test
    void everyTableThatReferencesTracksCascadesTheDelete() {
        // whatever table a later change adds per track, a DELETE of the track must take its rows along
        List<String> notCascading = jdbc.queryForList("""
                SELECT conrelid::regclass::text || '.' || conname FROM pg_constraint
                 WHERE contype = 'f' AND confrelid = 'tracks'::regclass AND confdeltype <> 'c'
                """, String.class);
        List<String> referencing = jdbc.queryForList(
                "SELECT conrelid::regclass::text FROM pg_constraint WHERE contype = 'f' AND confrelid = 'tracks'::regclass", String.class);

        assertThat(referencing).contains("enrichment_status", "enrichment_source_status");
        assertThat(notCascading).as("foreign keys on tracks without ON DELETE CASCADE").isEmpty();
    }

    @Test
    void anUnknownIdIs404AndAMalformedOne400() {
        Http http = new Http(port);
        UUID unknown = UUID.randomUUID();

        Http.Answer missing = http.delete("/tracks/" + unknown);
        Http.Answer malformed = http.delete("/tracks/not-a-uuid");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").asText()).isEqualTo("no track " + unknown);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").asText()).startsWith("id: \"not-a-uuid\" is not a UUID");
    }

    @Test
    void withoutTheTokenNothingIsDeleted() {
        UUID id = addTracks(List.of(TestTrack.numbered(3))).get(0);

        Http.Answer anonymous = new Http(port).withoutToken().delete("/tracks/" + id);
        Http.Answer wrongToken = new Http(port).withToken("not-the-token-at-all-1234").delete("/tracks/" + id);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(rows("tracks", "id", id)).isOne();
        assertThat(rows("enrichment_status", "track_id", id)).isOne();
    }
}
