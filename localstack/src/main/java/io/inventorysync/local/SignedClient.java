package io.inventorysync.local;

import com.standardwebhooks.Webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

/** An HTTP client that signs like a source does (Standard Webhooks, the project's official library). */
public final class SignedClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    public SignedClient(URI base) {
        this.base = base;
    }

    public HttpResponse<String> post(String path, String secret, String body) {
        return send(request(path, secret, body).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A signed POST with extra headers (e.g. the storefront a reservation request names). */
    public HttpResponse<String> post(String path, String secret, String body, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = request(path, secret, body).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** An unsigned JSON request (the admin routes: IAM on AWS, open locally). */
    public HttpResponse<String> unsigned(String method, String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<String> get(String path, String secret) {
        return send(request(path, secret, "").GET().build());
    }

    /** An unsigned read (the read API: IAM on AWS, open locally). */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    private HttpRequest.Builder request(String path, String secret, String body) {
        String id = "msg_" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        String signature;
        try {
            signature = new Webhook(secret).sign(id, timestamp, body);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot sign with that secret", e);
        }
        return HttpRequest.newBuilder(base.resolve(path))
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code send API_URL SOURCE_ID SECRET FILE}: posts a file (e.g. from {@code events/}) signed as
     * the source, and prints the answer.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: send API_URL SOURCE_ID SECRET FILE");
            System.exit(2);
        }
        String body = java.nio.file.Files.readString(java.nio.file.Path.of(args[3]));
        HttpResponse<String> response = new SignedClient(URI.create(args[0]))
                .post("/v1/sources/" + args[1] + "/events", args[2], body);
        System.out.println(response.statusCode() + " " + response.body());
    }
}
