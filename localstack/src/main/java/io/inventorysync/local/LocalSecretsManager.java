package io.inventorysync.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inventorysync.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The three Secrets Manager calls the product makes ({@code GetSecretValue}, {@code CreateSecret},
 * {@code PutSecretValue}) over the real AWS JSON 1.1 protocol, in memory, so the functions and the
 * admin CLI read and write source secrets with the SDK's own client. No secret is persisted.
 */
public final class LocalSecretsManager implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    public LocalSecretsManager() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void put(String name, String value) {
        secrets.put(name, value);
    }

    private void handle(HttpExchange exchange) throws IOException {
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
                    respond(exchange, 400, "{\"__type\":\"ResourceExistsException\",\"message\":\"secret exists\"}");
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
                respond(exchange, 400, "{\"__type\":\"UnknownOperationException\",\"message\":\"not supported locally\"}");
                return;
            }
        }
        respond(exchange, 200, Json.MAPPER.writeValueAsString(response));
    }

    private static String arn(String name) {
        return "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + name;
    }

    private static void notFound(HttpExchange exchange, String id) throws IOException {
        respond(exchange, 400, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no secret " + id + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
