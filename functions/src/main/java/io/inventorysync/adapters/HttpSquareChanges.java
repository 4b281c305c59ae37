package io.inventorysync.adapters;

import io.inventorysync.domain.vendor.VendorConfig;
import io.inventorysync.http.JsonText;
import io.inventorysync.http.JsonPost;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code POST {apiBaseUrl}/v2/inventory/changes/batch-retrieve} over {@link JsonPost} (the JDK's
 * {@code HttpURLConnection}: no Netty, no Apache, and not {@code java.net.http}, whose client the
 * adapter's container built at init for every cold start, issue 16), the seller's access token read
 * through {@code tokens} by secret name.
 */
public final class HttpSquareChanges implements SquareChanges {
    /** The Square API version the mapping was written against. */
    public static final String SQUARE_VERSION = "2025-10-16";
    private static final int PAGE_SIZE = 100;
    /** To connect, and between two reads of the answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final JsonPost http;
    private final Function<String, String> tokens;

    /** @param tokens the access token kept in the named secret */
    public HttpSquareChanges(JsonPost http, Function<String, String> tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    @Override
    public Object page(VendorConfig.Square account, Instant since, String cursor) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("location_ids", List.copyOf(account.locations().keySet()));
        query.put("updated_after", since.toString());
        query.put("limit", PAGE_SIZE);
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        try {
            JsonPost.Answer response = http.post(URI.create(account.apiBaseUrl().replaceAll("/+$", "")
                            + "/v2/inventory/changes/batch-retrieve"),
                    Map.of("Authorization", "Bearer " + tokens.apply(account.tokenSecretName()),
                            "Square-Version", SQUARE_VERSION),
                    JsonText.writeBytes(query));
            if (response.status() != 200) {
                throw new SquareUnavailableException("Square answered " + response.status(), null);
            }
            return JsonText.readTree(response.body());
        } catch (IOException e) {
            throw new SquareUnavailableException("Square could not be reached", e);
        }
    }
}
