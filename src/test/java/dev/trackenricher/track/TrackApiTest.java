package dev.trackenricher.track;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST /tracks and GET /tracks/{id}: good rows stored pending; any bad row rejects the request naming row and field. */
class TrackApiTest extends IntegrationTest {

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void createsTracksPendingAndReturnsThemWithIds() {
        Http.Answer answer = http.post("/tracks", """
                [{"artist_name": "Simon & Garfunkel", "title": "The Boxer", "isrc": "us-sm1-69-00123", "duration_ms": 308000},
                 {"artist_name": "Sigur Rós", "title": "Hoppípolla", "spotify_id": "spotify:track:6eTGxxQxiTFE6LfZHC33Wm"},
                 {"artist_name": "AC/DC", "title": "T.N.T."}]
                """);

        assertThat(answer.status()).isEqualTo(201);
        JsonNode created = answer.json();
        assertThat(created).hasSize(3);
        assertThat(created.get(0).path("isrc").asText()).isEqualTo("USSM16900123");
        assertThat(created.get(1).path("artist_name").asText()).isEqualTo("Sigur Rós");
        assertThat(created.get(1).path("spotify_id").asText()).isEqualTo("6eTGxxQxiTFE6LfZHC33Wm");
        assertThat(created.get(2).path("status").asText()).isEqualTo("pending");

        String id = created.get(0).path("id").asText();
        Http.Answer fetched = http.get("/tracks/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().path("title").asText()).isEqualTo("The Boxer");
        assertThat(fetched.json().path("duration_ms").asInt()).isEqualTo(308000);
        assertThat(fetched.json().path("metadata").isObject()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrichment_status WHERE status = 'pending'", Integer.class)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing title            | [{"artist_name": "A"}]                                             | tracks[0].title: is required
            blank artist             | [{"artist_name": "  ", "title": "T"}]                              | tracks[0].artist_name: is required
            bad isrc on second row   | [{"artist_name": "A", "title": "T"}, {"artist_name": "B", "title": "U", "isrc": "US123"}] | tracks[1].isrc
            title as a number        | [{"artist_name": "A", "title": 5}]                                 | tracks[0].title: must be a string
            duration as text         | [{"artist_name": "A", "title": "T", "duration_ms": "3:30"}]       | tracks[0].duration_ms: must be a whole number
            negative duration        | [{"artist_name": "A", "title": "T", "duration_ms": -5}]           | tracks[0].duration_ms: -5 is out of range
            unknown field            | [{"artist_name": "A", "title": "T", "artist": "x"}]               | tracks[0].artist: unknown field
            bad spotify id           | [{"artist_name": "A", "title": "T", "spotify_id": "nope"}]        | tracks[0].spotify_id
            control character        | [{"artist_name": "A\\u0007", "title": "T"}]                        | tracks[0].artist_name: contains a control character
            not an array             | {"artist_name": "A", "title": "T"}                                 | body: must be a JSON array
            empty array              | []                                                                 | body: the array holds no tracks
            not JSON                 | [{"artist_name": "A",                                              | body: not valid JSON
            element not an object    | ["A - T"]                                                          | tracks[0]: must be an object
            """)
    void rejectsABadRequestNamingRowAndFieldAndStoresNothing(String name, String body, String message) {
        Http.Answer answer = http.post("/tracks", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains(message);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tracks", Integer.class)).isZero();
    }

    @Test
    void rejectsTooLongTextInsteadOfTruncatingIt() {
        String longTitle = "x".repeat(TrackValidator.MAX_TEXT + 1);
        Http.Answer answer = http.post("/tracks", "[{\"artist_name\": \"A\", \"title\": \"" + longTitle + "\"}]");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("tracks[0].title: is 1001 characters long");
    }

    @Test
    void storesNamesWithQuotesAndSqlVerbatim() {
        String artist = "Robert'); DROP TABLE tracks;--";
        String title = "<script>alert(\\\"x\\\")</script>";
        Http.Answer answer = http.post("/tracks", "[{\"artist_name\": \"" + artist + "\", \"title\": \"" + title + "\"}]");

        assertThat(answer.status()).isEqualTo(201);
        String id = answer.json().get(0).path("id").asText();
        JsonNode stored = http.get("/tracks/" + id).json();
        assertThat(stored.path("artist_name").asText()).isEqualTo(artist);
        assertThat(stored.path("title").asText()).isEqualTo("<script>alert(\"x\")</script>");
    }

    @Test
    void unknownAndMalformedTrackIds() {
        assertThat(http.get("/tracks/6f1c3a52-5c8e-4b7e-9d3a-000000000000").status()).isEqualTo(404);
        Http.Answer malformed = http.get("/tracks/not-a-uuid");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").asText()).isEqualTo("id: \"not-a-uuid\" is not a UUID");
    }
}
