package io.inventorysync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two AWS JSON calls the benchmarks need beyond DynamoDB Local and ElasticMQ, on loopback:
 * Secrets Manager {@code GetSecretValue} (from a map) and EventBridge {@code PutEvents} (every
 * entry accepted and counted). The real protocol, so the functions' SDK clients run unchanged.
 */
final class AwsJsonStubs implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, String> secrets = new ConcurrentHashMap<>();
    final AtomicLong putEventsCalls = new AtomicLong();
    final AtomicLong putEventsEntries = new AtomicLong();
    final AtomicLong getSecretValueCalls = new AtomicLong();
    private final HttpServer server;

    AwsJsonStubs() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String answer;
            int status = 200;
            if ("secretsmanager.GetSecretValue".equals(target)) {
                getSecretValueCalls.incrementAndGet();
                String id = request.path("SecretId").asText();
                String secret = secrets.get(id);
                if (secret == null) {
                    status = 400;
                    answer = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no secret " + id + "\"}";
                } else {
                    answer = JSON.writeValueAsString(Map.of("ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + id,
                            "Name", id, "SecretString", secret, "VersionId", "v1"));
                }
            } else if ("AWSEvents.PutEvents".equals(target)) {
                putEventsCalls.incrementAndGet();
                int n = request.path("Entries").size();
                putEventsEntries.addAndGet(n);
                StringBuilder entries = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    entries.append(i == 0 ? "" : ",").append("{\"EventId\":\"e-").append(System.nanoTime()).append("\"}");
                }
                answer = "{\"FailedEntryCount\":0,\"Entries\":[" + entries + "]}";
            } else {
                status = 400;
                answer = "{\"__type\":\"UnknownOperationException\",\"message\":\"" + target + "\"}";
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
