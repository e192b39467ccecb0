package dev.trackenricher.curation;

import dev.trackenricher.api.ApiException;
import dev.trackenricher.enrich.EnrichmentAssembler;
import dev.trackenricher.source.SourceClient;
import dev.trackenricher.source.SourceClients;
import dev.trackenricher.status.FieldLock;
import dev.trackenricher.status.HeldTrack;
import dev.trackenricher.status.TrackStatusRepository;
import dev.trackenricher.status.TrackToEnrich;
import dev.trackenricher.track.Track;
import dev.trackenricher.track.TrackRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person's corrections of a track, each in one transaction with the track held (no enrich run
 * claims it meanwhile; one that holds it now is a 409): set fields (locked against enrichment, kept
 * in the history), or give a field back to the sources. A corrected identifier makes the sources
 * that are asked by it due again for that track only, and what runs after them (a new MusicBrainz
 * id: MusicBrainz, by that id, then AcousticBrainz with it).
 */
@Component
public class Corrections {

    /** The sources that look a track up by its ISRC when they have no id of their own for it. */
    static final List<String> ISRC_LOOKUPS = List.of("spotify", "musicbrainz");

    /** What a correction did: the track as it is now, the changes kept, the sources due again. */
    public record Correction(Track track, List<HistoryEntry> changes, List<String> sourcesAskedAgain) {
    }

    private final TrackStatusRepository statuses;
    private final TrackRepository tracks;
    private final EnrichmentAssembler assembler;
    private final SourceClients clients;
    private final TrackLocks locks;
    private final TrackHistory history;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public Corrections(TrackStatusRepository statuses, TrackRepository tracks, EnrichmentAssembler assembler, SourceClients clients,
                       TrackLocks locks, TrackHistory history, Clock clock, PlatformTransactionManager transactions) {
        this.statuses = statuses;
        this.tracks = tracks;
        this.assembler = assembler;
        this.clients = clients;
        this.locks = locks;
        this.history = history;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Sets and locks these fields (validated values, in the sources' form). */
    public Correction correct(UUID trackId, Map<CorrectableField, Object> values, String who) {
        return transaction.execute(tx -> {
            HeldTrack held = hold(trackId);
            Track current = tracks.find(trackId).orElseThrow(() -> ApiException.notFound("no track " + trackId));
            Instant now = clock.instant();
            Map<String, FieldLock> after = new LinkedHashMap<>(held.track().locks());
            List<HistoryEntry> changes = new ArrayList<>();
            Set<String> askAgain = new TreeSet<>();
            values.forEach((field, value) -> {
                Object old = effectiveValue(current, field.field());
                locks.set(trackId, field.field(), value, now, who);
                after.put(field.field(), new FieldLock(field.field(), value, now, who));
                HistoryEntry change = new HistoryEntry(now, who, field.field(), HistoryEntry.SET, old, value);
                history.record(trackId, change);
                changes.add(change);
                if (field.catalogueColumn()) {
                    tracks.setIdentifier(trackId, field.field(), value.toString());
                }
                if (field.identifier() && !sameValue(old, value)) {
                    askAgain.addAll(dependents(field));
                }
            });
            statuses.askAgain(trackId, askAgain);
            statuses.saveMetadata(trackId, assembler.remerge(withLocks(held.track(), after), enrichedAt(current)));
            return new Correction(tracks.find(trackId).orElseThrow(), changes, List.copyOf(askAgain));
        });
    }

    /** Gives a locked field back to the sources: the merge decides it again; the history keeps the released value. */
    public Correction release(UUID trackId, CorrectableField field, String who) {
        return transaction.execute(tx -> {
            HeldTrack held = hold(trackId);
            Track current = tracks.find(trackId).orElseThrow(() -> ApiException.notFound("no track " + trackId));
            FieldLock lock = held.track().locks().get(field.field());
            if (lock == null || !locks.release(trackId, field.field())) {
                throw ApiException.notFound(field.field() + ": is not locked on track " + trackId);
            }
            Map<String, FieldLock> after = new LinkedHashMap<>(held.track().locks());
            after.remove(field.field());
            Map<String, Object> metadata = assembler.remerge(withLocks(held.track(), after), enrichedAt(current));
            statuses.saveMetadata(trackId, metadata);
            HistoryEntry change = new HistoryEntry(clock.instant(), who, field.field(), HistoryEntry.UNLOCKED, lock.value(),
                    metadata.get(field.field()));
            history.record(trackId, change);
            return new Correction(tracks.find(trackId).orElseThrow(), List.of(change), List.of());
        });
    }

    private HeldTrack hold(UUID trackId) {
        HeldTrack held = statuses.holdForCuration(trackId).orElseThrow(() -> ApiException.notFound("no track " + trackId));
        if (held.beingEnriched()) {
            throw new ApiException(409, "track " + trackId + " is being enriched right now; nothing was changed, try again when its run "
                    + "has written it (GET /enrich/status/" + trackId + ")", List.of());
        }
        return held;
    }

    /** The sources asked by this identifier (their id field, or the ISRC), and every source that runs after them. */
    Set<String> dependents(CorrectableField field) {
        Set<String> out = new TreeSet<>();
        for (SourceClient c : clients.all()) {
            if (c.idField().filter(field.field()::equals).isPresent()) {
                out.add(c.name());
            }
        }
        if (field == CorrectableField.ISRC) {
            ISRC_LOOKUPS.stream().filter(clients::exists).forEach(out::add);
        }
        Deque<String> todo = new ArrayDeque<>(out);
        while (!todo.isEmpty()) {
            for (String next : clients.followers(todo.pop())) {
                if (out.add(next)) {
                    todo.add(next);
                }
            }
        }
        return out;
    }

    /** What the track shows for a field now: its merged value, else (an identifier) the catalogue's. */
    private static Object effectiveValue(Track track, String field) {
        Object merged = track.metadata().get(field);
        if (merged != null) {
            return merged;
        }
        return switch (field) {
            case "isrc" -> track.isrc();
            case "spotify_id" -> track.spotifyId();
            default -> null;
        };
    }

    private static Instant enrichedAt(Track track) {
        Object at = track.metadata().get("enriched_at");
        try {
            return at == null ? null : Instant.parse(at.toString());
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static TrackToEnrich withLocks(TrackToEnrich t, Map<String, FieldLock> locks) {
        return new TrackToEnrich(t.trackId(), t.claimToken(), t.artistName(), t.title(), t.isrc(), t.spotifyId(), t.durationMs(),
                t.retryCount(), t.previous(), t.onlySources(), locks);
    }

    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a != null && b != null && !(a instanceof Number) && !(b instanceof Number) && !(a instanceof Iterable<?>)) {
            return a.toString().equalsIgnoreCase(b.toString());
        }
        return Objects.equals(a, b);
    }
}
