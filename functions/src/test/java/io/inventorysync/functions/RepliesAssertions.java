package io.inventorysync.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.inventorysync.http.HttpReply;
import io.inventorysync.http.Json;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a mapped reply back: its status, content type and problem code. */
final class RepliesAssertions {
    private RepliesAssertions() {
    }

    /** Asserts a problem+json reply with {@code status} and {@code code} in both the reply and its body. */
    static JsonNode assertProblem(HttpReply reply, int status, String code) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo(HttpReply.PROBLEM_JSON);
        assertThat(reply.code()).isEqualTo(code);
        JsonNode body = read(reply);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("type").asText()).isEqualTo("about:blank");
        return body;
    }

    static JsonNode assertJson(HttpReply reply, int status) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo(HttpReply.JSON);
        assertThat(reply.code()).isNull();
        return read(reply);
    }

    private static JsonNode read(HttpReply reply) {
        try {
            return Json.MAPPER.readTree(reply.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + reply.body(), e);
        }
    }
}
