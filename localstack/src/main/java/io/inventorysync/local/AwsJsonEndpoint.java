package io.inventorysync.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A local service endpoint on loopback that answers the AWS JSON 1.1 protocol (one POST per call,
 * the operation in {@code X-Amz-Target}), so the SDK's own clients talk to it.
 */
abstract class AwsJsonEndpoint implements AutoCloseable {
    private final HttpServer server;

    AwsJsonEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers one call. */
    abstract void handle(HttpExchange exchange) throws IOException;

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** An error in the protocol's shape: {@code {"__type": code, "message": ...}}. */
    static void error(HttpExchange exchange, String code, String message) throws IOException {
        respond(exchange, 400, "{\"__type\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
