package io.inventorysync.adapters;

import com.sun.net.httpserver.HttpServer;
import io.inventorysync.domain.vendor.VendorConfig;
import io.inventorysync.http.Json;
import io.inventorysync.http.JsonPost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Square pull's one HTTP call over {@link JsonPost}, against an in-test Square. */
class HttpSquareChangesTest {
    private HttpServer square;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> answer = new AtomicReference<>("{\"changes\":[],\"cursor\":\"c-2\"}");
    private final AtomicReference<Map<String, String>> seenHeaders = new AtomicReference<>();
    private final AtomicReference<String> seenBody = new AtomicReference<>();
    private final AtomicReference<String> seenPath = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        square = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        square.createContext("/", exchange -> {
            seenPath.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            seenHeaders.set(Map.of(
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "square-version", String.valueOf(exchange.getRequestHeaders().getFirst("Square-Version")),
                    "content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))));
            seenBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        square.start();
    }

    @AfterEach
    void stop() {
        square.stop(0);
    }

    private VendorConfig.Square account(String apiBaseUrl) {
        return new VendorConfig.Square("M-1", "https://example.test/notify", apiBaseUrl, "vendors/square/token",
                "sq0idp-app", Map.of("L-1", "store-1"), Map.of());
    }

    private HttpSquareChanges changes() {
        return new HttpSquareChanges(new JsonPost(Duration.ofSeconds(2), Duration.ofSeconds(2)),
                name -> name.equals("vendors/square/token") ? "sq-token" : "wrong");
    }

    @Test
    void page_shouldPostTheQueryWithTheTokenAndVersion_andAnswerTheParsedPage() throws IOException {
        Object page = changes().page(account("http://127.0.0.1:" + square.getAddress().getPort() + "//"),
                Instant.parse("2026-11-30T04:00:00Z"), "c-1");

        assertThat(page).isEqualTo(Map.of("changes", java.util.List.of(), "cursor", "c-2"));
        assertThat(seenPath.get()).isEqualTo("POST /v2/inventory/changes/batch-retrieve");
        assertThat(seenHeaders.get()).containsEntry("authorization", "Bearer sq-token")
                .containsEntry("square-version", HttpSquareChanges.SQUARE_VERSION)
                .containsEntry("content-type", "application/json");
        assertThat(Json.MAPPER.readValue(seenBody.get(), Map.class)).isEqualTo(Map.of(
                "location_ids", java.util.List.of("L-1"), "updated_after", "2026-11-30T04:00:00Z",
                "limit", 100, "cursor", "c-1"));
    }

    @Test
    void page_shouldBeUnavailable_whenSquareRefusesOrFails_withoutItsBodyInTheMessage() {
        for (int refused : new int[] {401, 429, 500}) {
            status.set(refused);
            answer.set("{\"errors\":[{\"detail\":\"token sq-token is bad\"}]}");
            assertThatThrownBy(() -> changes().page(account("http://127.0.0.1:" + square.getAddress().getPort()),
                    Instant.EPOCH, null))
                    .isInstanceOf(SquareChanges.SquareUnavailableException.class)
                    .hasMessage("Square answered " + refused);
        }
    }

    @Test
    void page_shouldBeUnavailable_whenSquareCannotBeReached() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        assertThatThrownBy(() -> changes().page(account("http://127.0.0.1:" + closed), Instant.EPOCH, null))
                .isInstanceOf(SquareChanges.SquareUnavailableException.class)
                .hasMessage("Square could not be reached");
    }
}
