package io.inventorysync.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a source may touch (contract v1.1): the locations of its scope (ids, or prefixes ending in
 * {@code *}), the event types it may post, and whether it may hold stock. Answers, for a request
 * already validated, one {@link Problem} for every location or type out of scope, named by its path
 * in the request, so a refusal ({@code 403 OUT_OF_SCOPE}) lists them all. Pure: ingest, the
 * reservation routes, snapshots and vendor adapters all ask it.
 */
public final class SourceScope {
    /** The scope entry for every location. */
    public static final String ANY = "*";

    private final Source source;

    private SourceScope(Source source) {
        this.source = source;
    }

    public static SourceScope of(Source source) {
        return new SourceScope(source);
    }

    /** True when {@code locationId} is one of the scope's ids or starts with one of its prefixes. */
    public boolean coversLocation(String locationId) {
        for (String entry : source.locations()) {
            if (entry.endsWith(ANY) ? locationId.startsWith(entry.substring(0, entry.length() - 1))
                    : locationId.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    public boolean coversType(ChangeType type) {
        return source.eventTypes().contains(type);
    }

    /**
     * Every type and location of {@code events} out of scope.
     *
     * @param batch whether they came as {@code {"events": [...]}} (paths {@code events[i].…}) or as one event
     */
    public List<Problem> outOfScope(List<InventoryEvent> events, boolean batch) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            problems.addAll(outOfScope(events.get(i), batch ? "events[" + i + "]" : ""));
        }
        return problems;
    }

    /**
     * Every type and location of one event out of scope: its {@code type}, its {@code locationId},
     * and for a {@code TRANSFER_OUT} its {@code toLocationId} (the departure also writes the
     * destination's {@code inTransit}). The {@code fromLocationId} of an arrival or a closed transfer
     * only names where units came from: it changes nothing there, so it is not checked.
     *
     * @param path where the event is in the request ({@code ""} for a single event)
     */
    public List<Problem> outOfScope(InventoryEvent event, String path) {
        List<Problem> problems = new ArrayList<>();
        if (!coversType(event.type())) {
            problems.add(new Problem(RawFields.path(path, "type"),
                    event.type() + " is not an event type source " + source.sourceId() + " may post"));
        }
        location(event.locationId(), RawFields.path(path, "locationId"), problems);
        if (event.type() == ChangeType.TRANSFER_OUT && event.toLocationId() != null) {
            location(event.toLocationId(), RawFields.path(path, "toLocationId"), problems);
        }
        return problems;
    }

    /** What keeps {@code request} from being held: the source may not reserve, or its location is out of scope. */
    public List<Problem> outOfScope(ReservationRequest request) {
        List<Problem> problems = new ArrayList<>(reservingRefused());
        location(request.locationId(), "locationId", problems);
        return problems;
    }

    /** The source may not use the reservation routes at all: empty when it may. */
    public List<Problem> reservingRefused() {
        return source.canReserve() ? List.of()
                : List.of(new Problem("", "source " + source.sourceId() + " may not reserve stock (canReserve is false)"));
    }

    /**
     * What keeps this source from taking {@code step} on its own hold, by its configuration now (not
     * the one it had when the hold was placed); empty when nothing does. Reservation ids are the
     * storefront's own, so {@code hold} is the caller's or absent.
     * <ul>
     * <li>Commit and fulfil sell the held units at the hold's location: as for a new hold, the source
     * must say {@code canReserve} and that location must be in its {@code locations}, so a storefront
     * whose scope was narrowed moves no stock outside it.</li>
     * <li>Release and cancel only give units back: the owner may always take them, so narrowing a
     * scope or withdrawing {@code canReserve} never strands units in {@code reserved} or
     * {@code committed} (a deferred commitment never expires by itself).</li>
     * <li>No such hold: a source that may not reserve is told so, as on the other routes; any other
     * has nothing refused (the caller answers "not found").</li>
     * </ul>
     */
    public List<Problem> holdStepRefused(Optional<Reservation> hold, HoldStep step) {
        return holdStepRefused(hold, step, false);
    }

    /**
     * As {@link #holdStepRefused(Optional, HoldStep)}, for a step that may repeat one already done
     * ({@code repeat}: {@link HoldRules#commitDone}, {@link HoldRules#fulfilmentDone}). A repeat
     * changes nothing, so the scope does not apply to it: it answers as the first one did (the
     * contract: a repeat answers the same), even after the source's scope was narrowed or its
     * {@code canReserve} withdrawn. Only steps that would change something are checked.
     */
    public List<Problem> holdStepRefused(Optional<Reservation> hold, HoldStep step, boolean repeat) {
        if (hold.isEmpty()) {
            return reservingRefused();
        }
        if (step.givesBack() || repeat) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>(reservingRefused());
        String locationId = hold.get().locationId();
        if (!coversLocation(locationId)) {
            problems.add(new Problem("locationId", locationId + " (the hold's location) is outside the locations of source "
                    + source.sourceId() + ": it may not " + step.name().toLowerCase(Locale.ROOT) + " a hold there"));
        }
        return problems;
    }

    /**
     * What keeps this source from reading a hold ({@code GET /v1/reservations/{id}}), its own or
     * absent (ids are the storefront's own). A read changes nothing, so the owner may always read
     * its own hold, whatever its scope or {@code canReserve} now: the storefront placed it, may still
     * give it back, and must be able to see what a step did (a retry after its scope was narrowed,
     * the status after an expiry). No such hold: a source that may not reserve is told so ({@code 403}),
     * as on the other reservation routes; any other has nothing refused (the caller answers "not found").
     */
    public List<Problem> holdReadRefused(Optional<Reservation> hold) {
        return hold.isPresent() ? List.of() : reservingRefused();
    }

    /**
     * Every location and type of a snapshot part out of scope: each line's {@code locationId}
     * ({@code lines[i].locationId}; lines without one, {@code CHANNEL_AVAILABLE}, touch no location),
     * each {@code completeFor[i]}, and for {@code CORRECT} the {@code COUNT}s it writes ({@code mode}).
     */
    public List<Problem> outOfScope(SnapshotPart part) {
        List<Problem> problems = new ArrayList<>();
        if (part.mode() == SnapshotPart.Mode.CORRECT && !coversType(ChangeType.COUNT)) {
            problems.add(new Problem("mode", "CORRECT writes counts, and COUNT is not an event type source "
                    + source.sourceId() + " may post"));
        }
        for (int i = 0; i < part.completeFor().size(); i++) {
            location(part.completeFor().get(i), "completeFor[" + i + "]", problems);
        }
        for (int i = 0; i < part.lines().size(); i++) {
            String locationId = part.lines().get(i).locationId();
            if (locationId != null) {
                location(locationId, "lines[" + i + "].locationId", problems);
            }
        }
        return problems;
    }

    private void location(String locationId, String path, List<Problem> problems) {
        if (!coversLocation(locationId)) {
            problems.add(new Problem(path, locationId + " is outside the locations of source " + source.sourceId()));
        }
    }
}
