package io.inventorysync.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.inventorysync.http.Json;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The three Secrets Manager calls the product makes ({@code GetSecretValue}, {@code CreateSecret},
 * {@code PutSecretValue}) over the real AWS JSON 1.1 protocol, in memory, so the functions and the
 * admin CLI read and write source secrets with the SDK's own client. No secret is persisted.
 */
public final class LocalSecretsManager extends AwsJsonEndpoint {
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    public void put(String name, String value) {
        secrets.put(name, value);
    }

    /** Creates the secret with {@code value} unless it exists; true when it was created. */
    public boolean putIfAbsent(String name, String value) {
        return secrets.putIfAbsent(name, value) == null;
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
        String id = request.hasNonNull("SecretId") ? request.get("SecretId").asText() : request.path("Name").asText();
        ObjectNode response = Json.MAPPER.createObjectNode();
        switch (target) {
            case "secretsmanager.GetSecretValue" -> {
                String value = secrets.get(id);
                if (value == null) {
                    notFound(exchange, id);
                    return;
                }
                response.put("Name", id).put("ARN", arn(id)).put("SecretString", value)
                        .put("VersionId", UUID.randomUUID().toString());
            }
            case "secretsmanager.CreateSecret" -> {
                if (secrets.putIfAbsent(id, request.path("SecretString").asText()) != null) {
                    error(exchange, "ResourceExistsException", "secret exists");
                    return;
                }
                response.put("Name", id).put("ARN", arn(id));
            }
            case "secretsmanager.PutSecretValue" -> {
                if (secrets.replace(id, request.path("SecretString").asText()) == null) {
                    notFound(exchange, id);
                    return;
                }
                response.put("Name", id).put("ARN", arn(id));
            }
            default -> {
                error(exchange, "UnknownOperationException", "not supported locally");
                return;
            }
        }
        respond(exchange, 200, Json.MAPPER.writeValueAsString(response));
    }

    private static String arn(String name) {
        return "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + name;
    }

    private static void notFound(HttpExchange exchange, String id) throws IOException {
        error(exchange, "ResourceNotFoundException", "no secret " + id);
    }

}
