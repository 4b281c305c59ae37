package io.inventorysync.admin;

import io.inventorysync.domain.Ids;
import io.inventorysync.domain.Problem;
import io.inventorysync.domain.Source;
import io.inventorysync.domain.SourceConfig;
import io.inventorysync.domain.Validated;
import io.inventorysync.store.SourceRegistry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sources as data (contract v1.1): create or replace a source's configuration, read it, add or
 * replace its signing keys. The one implementation behind the admin routes
 * ({@code /v1/admin/sources/...}) and the {@link SourceAdmin} command. A source's keys live in the
 * secret {@code <prefix><sourceId>} (the stage's prefix, which the functions may read), as
 * space-separated values; no deploy is involved. Answers results, never HTTP, and never logs a secret.
 */
public final class SourceAdminService {
    /** Keys a source keeps at once: a rotation beyond this retires the oldest. */
    public static final int MAX_KEYS = 3;
    /** Longest key a vendor may give (Shopify and Square keys are far shorter). */
    public static final int MAX_GIVEN_KEY_LENGTH = 1024;
    private static final Logger LOG = LogManager.getLogger(SourceAdminService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SourceRegistry registry;
    private final SecretVault vault;
    private final String secretPrefix;

    /** @param secretPrefix where this stage's source secrets live, e.g. {@code inventory-sync/prod/sources/} */
    public SourceAdminService(SourceRegistry registry, SecretVault vault, String secretPrefix) {
        this.registry = registry;
        this.vault = vault;
        this.secretPrefix = secretPrefix;
    }

    /**
     * {@code PUT /v1/admin/sources/{sourceId}}: the configuration {@code json} (parsed JSON) becomes
     * the source's. A new source gets its first key, alone in its secret (whatever an earlier source
     * of that id left there stops verifying); a known source keeps its keys. A create claims the id
     * with a conditional write before its key is made, so of two creates racing exactly one answers
     * {@code 201} with a key (the only one written); the other replaces the configuration as a
     * {@code PUT} after it would ({@code 200}, no key). The claim carries a mark of its own, so a
     * create whose write committed but whose answer was lost (and was sent again) still finishes as
     * the creator, and giving the id back after a vault failure removes only what this create wrote.
     */
    public SourceAdminResult put(String sourceId, Object json) {
        Optional<Source> existing = Ids.isSourceId(sourceId) ? registry.source(sourceId) : Optional.empty();
        String secretRef = existing.map(Source::secretRef).orElse(secretPrefix + sourceId);
        switch (SourceConfig.read(json, sourceId, secretRef)) {
            case Validated.Invalid<Source> invalid -> {
                return new SourceAdminResult.Invalid(invalid.problems());
            }
            case Validated.Valid<Source> valid -> {
                Source source = valid.value();
                if (existing.isPresent()) {
                    registry.register(source);
                    LOG.info("source {} replaced", sourceId);
                    return new SourceAdminResult.Replaced(source);
                }
                // Unique to this create: its own write, met again after a lost answer, is told from another's.
                String claim = java.util.UUID.randomUUID().toString();
                if (!registry.registerNew(source, claim)) {
                    // Another create took the id between our read and our write: this request comes
                    // after it, a replace. Its key stays the only one; none is made here.
                    registry.register(source);
                    LOG.info("source {} replaced (created by a concurrent request)", sourceId);
                    return new SourceAdminResult.Replaced(source);
                }
                // The id is ours: only now is a key made, so no racing create overwrites it.
                String secret = newSecret();
                try {
                    vault.write(secretRef, secret);
                } catch (RuntimeException e) {
                    // No key was stored (or none we could tell of): give the id back, so the
                    // operator's retry is a create again and gets its key.
                    try {
                        if (registry.releaseNew(source, claim)) {
                            LOG.warn("source {} not created: its key could not be stored; the id is free again", sourceId);
                        } else {
                            // A racing PUT replaced the configuration since: it stays, without a key
                            // (POST .../secrets issues one).
                            LOG.warn("source {}: its key could not be stored, and a later PUT replaced its configuration;"
                                    + " it has no key yet", sourceId);
                        }
                    } catch (RuntimeException releaseFailed) {
                        e.addSuppressed(releaseFailed);
                    }
                    throw e;
                }
                LOG.info("source {} created with its first key", sourceId);
                return new SourceAdminResult.Created(source, secret);
            }
        }
    }

    /** {@code GET /v1/admin/sources/{sourceId}}. */
    public SourceAdminResult get(String sourceId) {
        return (Ids.isSourceId(sourceId) ? registry.source(sourceId) : Optional.<Source>empty())
                .<SourceAdminResult>map(SourceAdminResult.Found::new)
                .orElseGet(() -> new SourceAdminResult.NotFound(sourceId));
    }

    /**
     * {@code POST /v1/admin/sources/{sourceId}/secrets} {@code {"revokeOthers"?, "secret"?}}: a new
     * key ({@code secret} given: that key, a vendor's) beside the current ones (rotation without a
     * gap; at most {@link #MAX_KEYS}, the oldest retired), or instead of them ({@code revokeOthers}:
     * a leaked key). A body of {@code null} is {@code {}}.
     */
    @SuppressWarnings("unchecked")
    public SourceAdminResult addSecret(String sourceId, Object json) {
        Optional<Source> source = Ids.isSourceId(sourceId) ? registry.source(sourceId) : Optional.empty();
        if (source.isEmpty()) {
            return new SourceAdminResult.NotFound(sourceId);
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> body = json == null ? Map.of() : json instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        if (body == null) {
            return new SourceAdminResult.Invalid(List.of(new Problem("", "must be a JSON object")));
        }
        Object revoke = body.getOrDefault("revokeOthers", false);
        if (!(revoke instanceof Boolean)) {
            problems.add(new Problem("revokeOthers", "must be true or false"));
        }
        Object given = body.get("secret");
        if (given != null && (!(given instanceof String key) || key.isEmpty() || key.length() > MAX_GIVEN_KEY_LENGTH
                || key.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)))) {
            problems.add(new Problem("secret", "must be the vendor's key: 1 to " + MAX_GIVEN_KEY_LENGTH
                    + " characters, no spaces or control characters"));
        }
        if (!problems.isEmpty()) {
            return new SourceAdminResult.Invalid(problems);
        }
        String secretRef = source.get().secretRef();
        String issued = given == null ? newSecret() : (String) given;
        List<String> keys = new ArrayList<>();
        if (!Boolean.TRUE.equals(revoke)) {
            List<String> current = vault.read(secretRef).map(v -> v.trim().isEmpty() ? List.<String>of()
                    : Arrays.asList(v.trim().split("\\s+"))).orElse(List.of()).stream()
                    .filter(k -> !k.equals(issued)).toList();
            keys.addAll(current.subList(Math.max(0, current.size() - (MAX_KEYS - 1)), current.size()));
        }
        keys.add(issued);
        vault.write(secretRef, String.join(" ", keys));
        LOG.info("source {}: a key {} ({} key(s) now)", sourceId,
                Boolean.TRUE.equals(revoke) ? "replaced every other" : "added", keys.size());
        return new SourceAdminResult.SecretIssued(sourceId, issued);
    }

    /** A new signing key: {@code whsec_} and 32 random bytes in base64 (Standard Webhooks). */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
