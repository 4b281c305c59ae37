package io.inventorysync.reconcile;

import io.inventorysync.auth.SignedJsonRequest;
import io.inventorysync.auth.SignedRequests;
import io.inventorysync.auth.SigningSecrets;
import io.inventorysync.auth.SourceAuthenticator;
import io.inventorysync.domain.Ids;
import io.inventorysync.domain.Problem;
import io.inventorysync.domain.SnapshotLine;
import io.inventorysync.domain.SnapshotPart;
import io.inventorysync.domain.SnapshotPolicy;
import io.inventorysync.domain.SnapshotValidator;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.Validated;
import io.inventorysync.store.PartReceipt;
import io.inventorysync.store.RequestClaims;
import io.inventorysync.store.SnapshotState;
import io.inventorysync.store.Snapshots;
import io.inventorysync.store.SourceRegistry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code POST /v1/sources/{sourceId}/snapshots} and {@code GET /v1/sources/{sourceId}/snapshots/{snapshotId}}
 * (contract v1.1): a part is checked whole (size, source, signature, JSON, every rule, scope, aliases),
 * stored with the snapshot's header in one transaction, and the part that completes the snapshot
 * asks the reconcile queue to compare it.
 */
public final class SnapshotService {
    /** A part of 1,000 lines with long ids runs past ingest's 256 KB, so snapshots take up to 1 MiB. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Logger LOG = LogManager.getLogger(SnapshotService.class);

    private final SignedRequests signed;
    private final Snapshots snapshots;
    private final ReconcileQueue queue;
    private final SnapshotValidator validator;
    private final Function<Source, SnapshotPolicy> policies;
    private final Set<String> pooledChannels;
    private final Clock clock;

    /**
     * @param pooledChannels the channels that have an availability pool ({@code CHANNEL_POOLS}): a
     *                       {@code CHANNEL_AVAILABLE} snapshot of any other is {@code 404 CHANNEL_NOT_FOUND},
     *                       as the read route answers
     */
    public SnapshotService(SourceRegistry sources, SigningSecrets secrets, RequestClaims claims, Snapshots snapshots,
                           ReconcileQueue queue, Function<Source, SnapshotPolicy> policies, Set<String> pooledChannels,
                           Clock clock) {
        this.signed = new SignedRequests(sources, secrets, claims, clock);
        this.snapshots = snapshots;
        this.queue = queue;
        this.validator = new SnapshotValidator(clock);
        this.policies = policies;
        this.pooledChannels = Set.copyOf(pooledChannels);
        this.clock = clock;
    }

    /** @param route the method and path as received (the request id is bound to it) */
    public record Request(String sourceId, Map<String, String> headers, byte[] body, String route) {
    }

    /** {@code POST /v1/sources/{sourceId}/snapshots}. */
    public SnapshotResult receive(Request request) {
        if (request.body().length > MAX_BODY_BYTES) {
            return refused(new SnapshotResult.TooLarge(request.body().length, MAX_BODY_BYTES));
        }
        return switch (signed.readJson(request.sourceId(), request.headers(), request.body(), request.route())) {
            case SignedJsonRequest.Read(Source source, Object parsed) -> receive(source, parsed);
            case SignedJsonRequest.Refused r -> refused(new SnapshotResult.RequestRefused(r));
        };
    }

    /** A part signed by {@code source}, as parsed JSON: every rule, the scope, the aliases, then stored. */
    private SnapshotResult receive(Source source, Object parsed) {
        SnapshotPart part;
        switch (validator.validate(parsed)) {
            case Validated.Valid<SnapshotPart> valid -> part = valid.value();
            case Validated.Invalid<SnapshotPart> invalid -> {
                return refused(new SnapshotResult.InvalidSnapshot(invalid.problems()));
            }
        }
        if (part.measure() == SnapshotPart.Measure.CHANNEL_AVAILABLE && !pooledChannels.contains(part.channel())) {
            return refused(new SnapshotResult.ChannelNotFound(part.channel()));
        }
        SnapshotPolicy policy = policies.apply(source);
        List<Problem> outOfScope = policy.outOfScope(part);
        if (!outOfScope.isEmpty()) {
            return refused(new SnapshotResult.OutOfScope(outOfScope));
        }
        List<Problem> problems = new ArrayList<>();
        SnapshotPart mapped = mapSkus(source, part, problems);
        if (!problems.isEmpty()) {
            return refused(new SnapshotResult.InvalidSnapshot(problems));
        }
        SnapshotState state;
        switch (snapshots.receive(source.sourceId(), mapped, part.fingerprint(), policy.driftThreshold(), clock.instant())) {
            case PartReceipt.Stored stored -> state = stored.state();
            case PartReceipt.KeyReused ignored -> {
                return refused(new SnapshotResult.KeyReused(part.snapshotId(), part.part()));
            }
            case PartReceipt.Mismatch mismatch -> {
                return refused(new SnapshotResult.Mismatch(part.snapshotId(), mismatch.fields()));
            }
        }
        if (state.status() == SnapshotState.Status.RECONCILING) {
            // Asked again on every repeat of a part while reconciling: a lost request is recovered by a retry.
            try {
                queue.request(source.sourceId(), part.snapshotId());
            } catch (ReconcileQueue.QueueUnavailableException e) {
                LOG.error("reconcile request not queued; the sender's retry of the part queues it", e);
                return refused(new SnapshotResult.QueueUnavailable());
            }
        }
        LOG.info("snapshot part accepted: {} part {}/{} with {} line(s)", part.snapshotId(), part.part(), part.parts(),
                part.lines().size());
        return new SnapshotResult.Accepted(state);
    }

    /** {@code GET /v1/sources/{sourceId}/snapshots/{snapshotId}}: signed by the same source. */
    public SnapshotResult status(Request request, String snapshotId) {
        if (signed.signer(request.sourceId(), request.headers(), request.body(), request.route())
                instanceof SourceAuthenticator.Refused r) {
            return refused(new SnapshotResult.RequestRefused(r));
        }
        Optional<SnapshotState> state = Ids.isId(snapshotId) ? snapshots.state(request.sourceId(), snapshotId)
                : Optional.empty();
        return state.<SnapshotResult>map(SnapshotResult.Report::new)
                .orElseGet(() -> new SnapshotResult.NotFound(request.sourceId(), snapshotId));
    }

    /** The part's lines under canonical SKUs (the source's aliases, its unknown-SKU policy). */
    private static SnapshotPart mapSkus(Source source, SnapshotPart part, List<Problem> problems) {
        List<SnapshotLine> mapped = new ArrayList<>(part.lines().size());
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < part.lines().size(); i++) {
            SnapshotLine line = part.lines().get(i);
            Optional<String> canonical = source.canonicalSku(line.sourceSku());
            if (canonical.isEmpty()) {
                problems.add(new Problem("lines[" + i + "].sku", "is not in the SKU alias map of source "
                        + source.sourceId() + ", which rejects unknown SKUs"));
                continue;
            }
            Integer before = first.putIfAbsent(canonical.get() + "\u0000" + line.locationId(), i);
            if (before != null) {
                problems.add(new Problem("lines[" + i + "].sku", "maps to " + canonical.get() + ", like lines["
                        + before + "]; send one line per SKU and location"));
            }
            mapped.add(line.withSku(canonical.get()));
        }
        return part.withLines(mapped);
    }

    private static SnapshotResult refused(SnapshotResult.Refused refused) {
        LOG.warn("snapshot request refused: {}", refused.code());
        return refused;
    }
}
