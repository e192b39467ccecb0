package dev.trackenricher.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real-world title/artist pairs as catalogues and the six APIs spell them. Each row: what the
 * catalogue says (artist, title, duration or empty), one search hit (artists separated by ';',
 * title, duration or empty), and whether that hit may be taken. Prefer no data to wrong data.
 */
class MatchingTableTest {

    final TrackMatcher matcher = new TrackMatcher(MatchSettings.defaults());

    @ParameterizedTest(name = "[{index}] {0} – {1}  vs  {3} – {4}: {6}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "", textBlock = """
            # --- variants that must match ---
            # featured artists in the title or in the credit
            Daft Punk                      | Get Lucky                             | 369000 | Daft Punk;Pharrell Williams;Nile Rodgers | Get Lucky (feat. Pharrell Williams & Nile Rodgers) | 369626 | match
            Daft Punk feat. Pharrell Williams | Get Lucky                          |        | Daft Punk                       | Get Lucky                                    |        | match
            Daft Punk                      | Get Lucky (feat. Pharrell Williams)   |        | Daft Punk;Pharrell Williams     | Get Lucky                                    |        | match
            Calvin Harris                  | This Is What You Came For             | 222160 | Calvin Harris;Rihanna           | This Is What You Came For (feat. Rihanna)    | 222160 | match
            Rihanna                        | This Is What You Came For             |        | Calvin Harris                   | This Is What You Came For (feat. Rihanna)    |        | match
            Ed Sheeran feat. Meek Mill & A Boogie Wit da Hoodie | 1000 Nights      | 212306 | Ed Sheeran;Meek Mill;A Boogie Wit da Hoodie | 1000 Nights                      | 212306 | match
            Macklemore & Ryan Lewis        | Thrift Shop                           | 235613 | Macklemore;Ryan Lewis;Wanz      | Thrift Shop (feat. Wanz)                     | 235613 | match
            Mark Ronson                    | Uptown Funk                           |        | Mark Ronson;Bruno Mars          | Uptown Funk (feat. Bruno Mars)               |        | match
            Prince                         | Purple Rain                           | 520000 | Prince & The Revolution         | Purple Rain                                  | 521000 | match
            # remaster with and without a year, radio edit and other same-recording markers
            Queen                          | Bohemian Rhapsody                     | 354320 | Queen                           | Bohemian Rhapsody - Remastered 2011          | 354320 | match
            Queen                          | Bohemian Rhapsody                     |        | Queen                           | Bohemian Rhapsody (2011 Remaster)            |        | match
            Queen                          | Don't Stop Me Now                     | 209000 | Queen                           | Don't Stop Me Now - Remastered               | 211000 | match
            The Beatles                    | Here Comes the Sun                    |        | The Beatles                     | Here Comes The Sun - Remastered 2009         |        | match
            Oasis                          | Wonderwall                            |        | Oasis                           | Wonderwall (Remastered)                      |        | match
            Queen                          | Bohemian Rhapsody - Remastered 2011   |        | Queen                           | Bohemian Rhapsody                            |        | match
            Avicii                         | Levels                                |        | Avicii                          | Levels - Radio Edit                          |        | match
            Daft Punk                      | One More Time                         |        | Daft Punk                       | One More Time (Radio Edit)                   |        | match
            Eric Prydz                     | Opus                                  |        | Eric Prydz                      | Opus - Original Mix                          |        | match
            Pharrell Williams              | Happy                                 | 233000 | Pharrell Williams               | Happy - From "Despicable Me 2"               | 233305 | match
            The Beatles                    | Help!                                 |        | The Beatles                     | Help! - Mono                                 |        | match
            Eminem                         | Lose Yourself                         |        | Eminem                          | Lose Yourself - Explicit Version             |        | match
            Bee Gees                       | Stayin' Alive                         |        | Bee Gees                        | Stayin Alive - 2007 Remastered Version       |        | match
            # diacritics, non-Latin scripts, punctuation, "The", "&"/"and"/"+"
            Björk                          | Jóga                                  |        | Bjork                           | Joga                                         |        | match
            Sigur Rós                      | Hoppípolla                            |        | Sigur Ros                       | Hoppipolla                                   |        | match
            Beyoncé                        | Halo                                  |        | Beyonce                         | Halo                                         |        | match
            Motörhead                      | Ace of Spades                         |        | Motorhead                       | Ace Of Spades                                |        | match
            ヨルシカ                        | 思想犯                                 |        | ヨルシカ                         | 思想犯                                        |        | match
            The Killers                    | Mr. Brightside                        |        | Killers                         | Mr Brightside                                |        | match
            R.E.M.                         | Losing My Religion                    |        | REM                             | Losing My Religion                           |        | match
            AC/DC                          | Back in Black                         |        | AC/DC                           | Back In Black                                |        | match
            Guns N' Roses                  | Sweet Child O' Mine                   |        | Guns N Roses                    | Sweet Child O Mine                           |        | match
            Simon & Garfunkel              | The Sound of Silence                  |        | Simon and Garfunkel             | The Sound of Silence                         |        | match
            Florence + the Machine         | Dog Days Are Over                     |        | Florence and The Machine        | Dog Days Are Over                            |        | match
            Persuader, The                 | Östermalm                             | 285000 | The Persuader                   | Ostermalm                                    | 285000 | match
            The Rolling Stones             | (I Can't Get No) Satisfaction         |        | The Rolling Stones              | (I Can't Get No) Satisfaction - Mono Version |        | match
            Eurythmics                     | Sweet Dreams (Are Made of This)       |        | Eurythmics;Annie Lennox;Dave Stewart | Sweet Dreams (Are Made Of This) - Remastered |     | match
            # --- near-misses that must not match ---
            # the same title by another artist
            Johnny Cash                    | Hurt                                  |        | Nine Inch Nails                 | Hurt                                         |        | no
            Beyoncé                        | Halo                                  |        | Depeche Mode                    | Halo                                         |        | no
            Gnarls Barkley                 | Crazy                                 |        | Aerosmith                       | Crazy                                        |        | no
            Leonard Cohen                  | Hallelujah                            |        | Jeff Buckley                    | Hallelujah                                   |        | no
            The Beatles                    | Yesterday                             |        | The Beatles Tribute Band        | Yesterday                                    |        | no
            Cher                           | Believe                               |        | Imagine Dragons                 | Believer                                     |        | no
            # another title by the same artist
            Beyoncé                        | Crazy in Love                         |        | Beyoncé                         | Crazy                                        |        | no
            # a different recording when the plain track was asked
            Avicii                         | Levels                                |        | Avicii;Skrillex                 | Levels - Skrillex Remix                      |        | no
            DJ Snake                       | Lean On                               |        | DJ Snake;MØ                     | Lean On (Tiësto Remix)                       |        | no
            Eagles                         | Hotel California                      |        | Eagles                          | Hotel California - Live On MTV, 1994         |        | no
            Daft Punk                      | One More Time                         |        | Daft Punk                       | One More Time (Live in Paris)                |        | no
            Passenger                      | Let Her Go                            |        | Passenger                       | Let Her Go - Acoustic                        |        | no
            Nirvana                        | Smells Like Teen Spirit               |        | Nirvana                         | Smells Like Teen Spirit (Instrumental)       |        | no
            Pharrell Williams              | Happy                                 |        | Pharrell Williams               | Happy (Karaoke Version)                      |        | no
            Sam Smith                      | Stay With Me                          |        | Sam Smith                       | Stay With Me - Cover                         |        | no
            Britney Spears                 | Toxic                                 |        | Britney Spears                  | Toxic - VIP Mix                              |        | no
            Taylor Swift                   | Love Story                            |        | Taylor Swift                    | Love Story (Taylor's Version)                |        | no
            OutKast                        | Hey Ya!                               |        | OutKast                         | Hey Ya! - Re-Recorded                        |        | no
            Darude                         | Sandstorm                             |        | Darude                          | Sandstorm (Bootleg)                          |        | no
            Eric Clapton                   | Layla                                 |        | Eric Clapton                    | Layla (Unplugged)                            |        | no
            Shakira                        | Hips Don't Lie                        |        | Shakira                         | Hips Don't Lie (Spanish Version)             |        | no
            Armand Van Helden              | U Don't Know Me                       |        | Armand Van Helden               | U Don't Know Me (Dimitri From Paris Edit)    |        | no
            # asked for a version: only that version
            Avicii                         | Levels (Skrillex Remix)               |        | Avicii                          | Levels                                       |        | no
            Avicii                         | Levels (Skrillex Remix)               |        | Avicii                          | Levels (Cazzette Remix)                      |        | no
            Avicii                         | Levels (Skrillex Remix)               |        | Avicii;Skrillex                 | Levels - Skrillex Remix                      |        | match
            # a very different duration
            Daft Punk                      | One More Time                         | 320357 | Daft Punk                       | One More Time                                | 235000 | no
            Queen                          | Bohemian Rhapsody                     | 354320 | Queen                           | Bohemian Rhapsody - Remastered 2011          | 410000 | no
            """)
    void matchesOrNot(String artist, String title, Integer durationMs, String hitArtists, String hitTitle, Integer hitDurationMs,
                      String expected) {
        List<Candidate<String>> hits = List.of(new Candidate<>("hit", Arrays.asList(hitArtists.split(";")), hitTitle, hitDurationMs));

        var match = matcher.best(new MatchQuery(artist, title, durationMs), hits);

        if (expected.equals("match")) {
            assertThat(match).as("should be taken").hasValueSatisfying(m -> assertThat(m.confidence())
                    .isGreaterThanOrEqualTo(MatchSettings.defaults().threshold()).isLessThanOrEqualTo(1.0));
        } else {
            assertThat(match).as("must not be taken").isEmpty();
        }
    }
}
