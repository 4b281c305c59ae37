package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.inventorysync.admin.SecretVault;
import io.inventorysync.admin.SourceAdminService;
import io.inventorysync.http.Json;
import io.inventorysync.store.InMemorySourceRegistry;
import io.inventorysync.testing.IngestPipeline;
import io.inventorysync.admin.SecretsManagerVault;
import io.inventorysync.store.DynamoDbSourceRegistry;
import io.inventorysync.testing.LocalDynamoDb;
import io.inventorysync.testing.SecretsManagerFaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin routes over HTTP events: answers, problems, and a secret only where the contract shows one. */
class SourceAdminFunctionTest {
    private final Map<String, String> secrets = new HashMap<>();
    private final SourceAdminFunction function = new SourceAdminFunction(new SourceAdminService(
            new InMemorySourceRegistry(), new SecretVault() {
                @Override
                public Optional<String> read(String secretId) {
                    return Optional.ofNullable(secrets.get(secretId));
                }

                @Override
                public void write(String secretId, String value) {
                    secrets.put(secretId, value);
                }
            }, "inventory-sync/sources/"));

    @Test
    void routes_shouldShowASecretOnlyAtCreateAndAtANewKey() {
        // when
        APIGatewayV2HTTPResponse created = call("PUT", "", "{\"locations\":[\"store-1*\"],\"canReserve\":false}");
        APIGatewayV2HTTPResponse replaced = call("PUT", "", "{\"locations\":[\"store-1*\",\"store-2\"]}");
        APIGatewayV2HTTPResponse read = call("GET", "", "");
        APIGatewayV2HTTPResponse key = call("POST", "/secrets", "{\"revokeOthers\":false}");
        APIGatewayV2HTTPResponse keyWithoutBody = call("POST", "/secrets", "");
        // then
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(json(created).path("secret").asText()).startsWith("whsec_");
        assertThat(json(created).path("sourceId").asText()).isEqualTo("pos-1");
        assertThat(replaced.getStatusCode()).isEqualTo(200);
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(json(read).path("locations").toString()).isEqualTo("[\"store-1*\",\"store-2\"]");
        assertThat(json(read).path("canReserve").asBoolean()).isFalse();
        assertThat(json(read).path("driftThreshold").asInt()).isEqualTo(1);
        for (APIGatewayV2HTTPResponse noSecret : new APIGatewayV2HTTPResponse[] {replaced, read}) {
            assertThat(noSecret.getBody()).doesNotContain("whsec_").doesNotContain("secret");
        }
        assertThat(key.getStatusCode()).isEqualTo(201);
        assertThat(json(key).path("secret").asText()).startsWith("whsec_");
        assertThat(keyWithoutBody.getStatusCode()).isEqualTo(201);
        assertThat(secrets.get("inventory-sync/sources/pos-1").split(" ")).hasSize(3)
                .contains(json(created).path("secret").asText(), json(key).path("secret").asText());
    }

    @Test
    void routes_shouldAnswerProblems_changingNothing() {
        APIGatewayV2HTTPResponse invalid = call("PUT", "", "{\"locations\":[\"st*re\"],\"eventTypes\":[\"NOPE\"]}");
        assertThat(invalid.getStatusCode()).isEqualTo(400);
        assertThat(invalid.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(json(invalid).path("code").asText()).isEqualTo("INVALID_SOURCE");
        assertThat(json(invalid).path("problems").findValuesAsText("path")).containsExactly("locations[0]", "eventTypes[0]");
        assertThat(json(invalid).path("title").asText()).isEqualTo("Invalid source");
        assertThat(json(invalid).path("detail").asText()).startsWith("locations[0] ")
                .endsWith(" (and 1 more problems); nothing changed.");
        APIGatewayV2HTTPResponse notJson = call("PUT", "", "{not json");
        assertThat(notJson.getStatusCode()).isEqualTo(400);
        assertThat(notJson.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(notJson.getBody()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Invalid JSON\",\"status\":400,"
                + "\"code\":\"INVALID_JSON\",\"detail\":\"The body is not valid JSON.\"}");
        assertThat(call("GET", "", "").getStatusCode()).isEqualTo(404);
        assertThat(json(call("POST", "/secrets", "{}")).path("code").asText()).isEqualTo("UNKNOWN_SOURCE");
        APIGatewayV2HTTPEvent xml = IngestPipeline.request("PUT", "/v1/admin/sources/pos-1", Map.of("sourceId", "pos-1"),
                "<source/>", Map.of("content-type", "application/xml"), false);
        APIGatewayV2HTTPResponse unsupported = function.handleRequest(xml, null);
        assertThat(unsupported.getStatusCode()).isEqualTo(415);
        assertThat(unsupported.getBody()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unsupported media type\","
                + "\"status\":415,\"code\":\"UNSUPPORTED_MEDIA_TYPE\",\"detail\":\"Send application/json.\"}");
        assertThat(secrets).isEmpty();
    }

    @Test
    void newKey_shouldTakeOnlyJsonWhitespaceAsNoBody_asTheReservationRoutesDo() {
        // given
        assertThat(call("PUT", "", "{}").getStatusCode()).isEqualTo(201);
        String before = secrets.get("inventory-sync/sources/pos-1");
        // when: an em space (U+2003), which String.isBlank would take for no body
        APIGatewayV2HTTPResponse emSpace = call("POST", "/secrets", "\u2003");
        // then: a body that is not JSON, and no key issued
        assertThat(emSpace.getStatusCode()).isEqualTo(400);
        assertThat(emSpace.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(json(emSpace).path("code").asText()).isEqualTo("INVALID_JSON");
        assertThat(secrets.get("inventory-sync/sources/pos-1")).isEqualTo(before);
        // while JSON whitespace only is no body: a new key beside the first
        assertThat(call("POST", "/secrets", " \r\n\t").getStatusCode()).isEqualTo(201);
        assertThat(secrets.get("inventory-sync/sources/pos-1").split(" ")).hasSize(2);
    }

    /**
     * Secrets Manager failing (an internal error, throttling, a timeout) while a source is created or
     * given a key: {@code 503 STORE_UNAVAILABLE} problem+json without the SDK's text; the create's
     * claim on the id is given back, so the retry, once the vault answers, is a create with a key.
     */
    @ParameterizedTest
    @MethodSource("vaultFailures")
    void vaultFailure_shouldAnswer503_andLeaveNoSourceWithoutAKey(software.amazon.awssdk.core.exception.SdkException failure) {
        // given: the registry on DynamoDB Local, the vault through the SDK's client
        var dynamo = LocalDynamoDb.client();
        var registry = new DynamoDbSourceRegistry(dynamo, LocalDynamoDb.createTable(dynamo));
        Map<String, String> stored = new HashMap<>();
        AtomicBoolean down = new AtomicBoolean(true);
        SecretVault failing = new SecretsManagerVault(SecretsManagerFaults.failing(failure));
        SecretVault vault = new SecretVault() {
            @Override
            public Optional<String> read(String secretId) {
                return down.get() ? failing.read(secretId) : Optional.ofNullable(stored.get(secretId));
            }

            @Override
            public void write(String secretId, String value) {
                if (down.get()) {
                    failing.write(secretId, value);
                }
                stored.put(secretId, value);
            }
        };
        SourceAdminFunction admin = new SourceAdminFunction(new SourceAdminService(registry, vault, "inventory-sync/sources/"));
        io.inventorysync.testing.LogCapture log = new io.inventorysync.testing.LogCapture();
        // when: the create meets the failing vault
        APIGatewayV2HTTPResponse failed = admin.handleRequest(put("{\"locations\":[\"store-1\"]}"), null);
        // then
        assertUnavailable(failed, failure);
        assertThat(registry.source("pos-1")).isEmpty();
        assertThat(stored).isEmpty();
        // when: the vault answers again, the operator retries the same request
        down.set(false);
        APIGatewayV2HTTPResponse retried = admin.handleRequest(put("{\"locations\":[\"store-1\"]}"), null);
        // then: a create, its key the one stored
        assertThat(retried.getStatusCode()).isEqualTo(201);
        assertThat(stored).containsEntry("inventory-sync/sources/pos-1", json(retried).path("secret").asText());
        // when: a new key while the vault fails
        down.set(true);
        APIGatewayV2HTTPResponse key = admin.handleRequest(IngestPipeline.request("POST", "/v1/admin/sources/pos-1/secrets",
                Map.of("sourceId", "pos-1"), "{}", Map.of("content-type", "application/json"), false), null);
        // then: refused, the key unchanged, the source kept
        assertUnavailable(key, failure);
        assertThat(stored).containsEntry("inventory-sync/sources/pos-1", json(retried).path("secret").asText());
        assertThat(registry.source("pos-1")).isPresent();
        // and no log line named the secret (name or ARN), carried the SDK's text or a key; the error code is there
        log.close();
        assertThat(log.lines()).isNotEmpty().anySatisfy(line -> assertThat(line).contains(
                failure instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s
                        ? s.awsErrorDetails().errorCode() : failure.getClass().getSimpleName()));
        // a client-side failure keeps its causes' types (a DNS failure is not a timeout), never their text
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            String type = cause.getClass().getSimpleName();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("caused by " + type));
        }
        assertThat(log.lines()).allSatisfy(line -> assertThat(line).doesNotContain("inventory-sync/sources")
                .doesNotContain("arn:aws:secretsmanager").doesNotContain("Rate exceeded").doesNotContain("internal failure")
                .doesNotContain(json(retried).path("secret").asText()));
    }

    static Stream<software.amazon.awssdk.core.exception.SdkException> vaultFailures() {
        return Stream.concat(SecretsManagerFaults.failures(), SecretsManagerFaults.clientFailures());
    }

    private static void assertUnavailable(APIGatewayV2HTTPResponse response, Exception failure) {
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(json(response).path("code").asText()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(response.getBody()).doesNotContain("secretsmanager").doesNotContain("inventory-sync/sources")
                .doesNotContain(failure.getClass().getSimpleName()).doesNotContain("whsec_");
    }

    private static APIGatewayV2HTTPEvent put(String body) {
        return IngestPipeline.request("PUT", "/v1/admin/sources/pos-1", Map.of("sourceId", "pos-1"), body,
                Map.of("content-type", "application/json"), false);
    }

    private APIGatewayV2HTTPResponse call(String method, String suffix, String body) {
        return function.handleRequest(IngestPipeline.request(method, "/v1/admin/sources/pos-1" + suffix,
                Map.of("sourceId", "pos-1"), body, Map.of("content-type", "application/json"), false), null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
