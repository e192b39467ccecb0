package dev.trackenricher.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Version markers from titles and from what an API says besides the title (values from recorded MusicBrainz and Spotify answers). */
class TitleVersionTest {

    @Test
    void aDisambiguationNamingAVersionMakesTheRecordingThatVersion() {
        // MusicBrainz writes a live recording's title plain and says "live" in its disambiguation
        assertThat(TitleVersion.parse("CAN YOU CELEBRATE?", List.of("live, 2001-05-27: Yoyogi National Gymnasium, Shibuya, Tokyo, Japan"))
                .differentRecording()).containsExactly("live");
        assertThat(TitleVersion.parse("CAN YOU CELEBRATE?", List.of("PLAY TOUR 2007")).differentRecording()).containsExactly("live");
        assertThat(TitleVersion.parse("CAN YOU CELEBRATE?", List.of("2017 rerecording")).differentRecording()).containsExactly("rerecording");
        assertThat(TitleVersion.parse("CAN YOU CELEBRATE?", List.of("DJ-mixed")).differentRecording()).containsExactly("dj mix");
        assertThat(TitleVersion.parse("Celebrate", List.of("part of “Ski Mix 1” DJ‐mix")).differentRecording()).containsExactly("dj mix");
        assertThat(TitleVersion.parse("(Celebrate) The Day After You", List.of("part of \"Hit Mix\"")).differentRecording())
                .containsExactly("dj mix");
        assertThat(TitleVersion.parse("C.R.E.A.M. (instrumental)", List.of("instrumental")).differentRecording())
                .containsExactly("instrumental");
        assertThat(TitleVersion.parse("The Enemy", List.of("official music video", Candidate.VIDEO)).differentRecording())
                .containsExactly("video");
        assertThat(TitleVersion.parse("天体観測", List.of(Candidate.VIDEO)).differentRecording()).containsExactly("video");
    }

    @Test
    void aDisambiguationThatNamesNoVersionChangesNothing() {
        assertThat(TitleVersion.parse("Celebrate!", List.of("Switzerland, Eurovision 2004 entry")).differentRecording()).isEmpty();
        assertThat(TitleVersion.parse("Song", List.of("album version")).differentRecording()).isEmpty();
        assertThat(TitleVersion.parse("Song", List.of("from the video game Darwinia")).differentRecording()).isEmpty();
    }

    @Test
    void aMarkerSayingOnlyAKindMeetsThatKindSaidElsewhere() {
        TitleVersion asked = TitleVersion.parse("Hotel California (Live)");
        assertThat(asked.sameVersion(TitleVersion.parse("Hotel California", List.of("live, 1994-10-25: Warner Bros. Studios")))).isTrue();
        assertThat(asked.sameVersion(TitleVersion.parse("Hotel California - Live Version"))).isTrue();
        // one that names more is met only by the same words
        assertThat(TitleVersion.parse("Hotel California - Live On MTV, 1994").sameVersion(TitleVersion.parse("Hotel California",
                List.of("live")))).isFalse();
        assertThat(TitleVersion.parse("Levels (Skrillex Remix)").sameVersion(TitleVersion.parse("Levels (Cazzette Remix)"))).isFalse();
        assertThat(TitleVersion.parse("悪魔の子 (TV Size Ver.)").differentRecording()).containsExactly("tv size");
        assertThat(TitleVersion.parse("前線 (Music video)").differentRecording()).containsExactly("video");
        assertThat(TitleVersion.parse("Enchanted (Taylor’s Version)").differentRecording()).containsExactly("rerecording");
    }

    @Test
    void markersBetweenDashesAtTheEndAndSeveralMarkersInOnePart() {
        TitleVersion inst = TitleVersion.parse("青春コンプレックス -instrumental-");
        assertThat(inst.differentRecording()).containsExactly("instrumental");
        assertThat(inst.core()).isEqualTo(TitleVersion.parse("青春コンプレックス").core());
        assertThat(TitleVersion.parse("SUKIYAKI (上を向いて歩こう) -Live Version-").differentRecording()).containsExactly("live");

        // Spotify: "Temptation - 7" Version; 2015 Remaster" is the 7" version, remastered
        TitleVersion temptation = TitleVersion.parse("Temptation - 7\" Version; 2015 Remaster");
        assertThat(temptation.core()).isEqualTo("temptation");
        assertThat(temptation.differentRecording()).isEmpty();
        assertThat(temptation.sameRecording()).containsExactlyInAnyOrder("7 version", "2015 remaster");
    }

    @Test
    void aRadioMixIsAnotherMixdownARadioEditTheSameMasterCut() {
        // one Spotify ISRC answer (JPB609520101) holds the album version and "- Radio Mix"
        assertThat(TitleVersion.parse("CRAZY GONNA CRAZY - Radio Mix").differentRecording()).containsExactly("radio mix");
        assertThat(TitleVersion.parse("CRAZY GONNA CRAZY (Radio Mix)").sameVersion(TitleVersion.parse("CRAZY GONNA CRAZY - Radio Mix"))).isTrue();
        assertThat(TitleVersion.parse("Levels - Radio Edit").differentRecording()).isEmpty();
        assertThat(TitleVersion.parse("Drastic Measures - Single Edit").differentRecording()).isEmpty();
        assertThat(TitleVersion.parse("Happy - From \"Despicable Me 2\"").differentRecording()).isEmpty();
        // "From THE FIRST TAKE" names a one-take performance, not a film
        assertThat(TitleVersion.parse("悪魔の子 - From THE FIRST TAKE").differentRecording()).containsExactly("live");
    }
}
