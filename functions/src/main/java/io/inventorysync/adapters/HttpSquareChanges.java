package io.inventorysync.adapters;

import io.inventorysync.domain.vendor.VendorConfig;
import io.inventorysync.http.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code POST {apiBaseUrl}/v2/inventory/changes/batch-retrieve} with the JDK's HTTP client (no
 * Netty, no Apache), the seller's access token read through {@code tokens} by secret name.
 */
public final class HttpSquareChanges implements SquareChanges {
    /** The Square API version the mapping was written against. */
    public static final String SQUARE_VERSION = "2025-10-16";
    private static final int PAGE_SIZE = 100;
    private final HttpClient http;
    private final Function<String, String> tokens;

    /** @param tokens the access token kept in the named secret */
    public HttpSquareChanges(HttpClient http, Function<String, String> tokens) {
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
            HttpRequest request = HttpRequest.newBuilder(URI.create(account.apiBaseUrl().replaceAll("/+$", "")
                            + "/v2/inventory/changes/batch-retrieve"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + tokens.apply(account.tokenSecretName()))
                    .header("Square-Version", SQUARE_VERSION)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(query)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new SquareUnavailableException("Square answered " + response.statusCode(), null);
            }
            return Json.MAPPER.readValue(response.body(), Object.class);
        } catch (IOException e) {
            throw new SquareUnavailableException("Square could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SquareUnavailableException("interrupted while calling Square", e);
        }
    }
}
