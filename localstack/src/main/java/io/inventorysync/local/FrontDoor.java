package io.inventorysync.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local API Gateway: turns HTTP requests into HTTP API payload 2.0 events for the routes of
 * contract v1 and v1.1 and hands them to the same handlers Lambda runs. The read and admin routes
 * are not authenticated locally (on AWS they take IAM).
 * <p>
 * Or, made by {@link #functionUrl}, a local Lambda function URL: every request, whatever its path
 * and method, goes to one handler as Lambda sends a URL's requests (route key {@code $default}, no
 * path parameters, the raw path as the client sent it, percent-encoded), so the handler routes it
 * itself, as the deployed webhook does behind its URL ({@code webhookFunctionUrl}).
 */
final class FrontDoor implements AutoCloseable {
    private record Route(String method, String template, Pattern pattern, List<String> names,
                         RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
    }

    private final HttpServer server;
    private final List<Route> routes = new ArrayList<>();
    /** A function URL's one handler, or {@code null} for the HTTP API's routes. */
    private RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> urlHandler;

    /** A function URL on {@code port} (0 picks a free one) for {@code handler}. */
    static FrontDoor functionUrl(int port, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        FrontDoor door = new FrontDoor(port);
        door.urlHandler = handler;
        return door;
    }

    FrontDoor(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("port " + port + " is not free", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
    }

    /** @param template a route as API Gateway writes it, e.g. {@code /v1/reservations/{reservationId}/commit} */
    FrontDoor route(String method, String template, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([A-Za-z]+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        routes.add(new Route(method, template, Pattern.compile(regex.toString()), names, handler));
        return this;
    }

    void start() {
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            if (urlHandler != null) {
                respond(exchange, urlHandler.handleRequest(urlEvent(exchange, method, path), null));
                return;
            }
            for (Route route : routes) {
                Matcher m = route.pattern().matcher(path);
                if (route.method().equals(method) && m.matches()) {
                    Map<String, String> params = new LinkedHashMap<>();
                    for (int i = 0; i < route.names().size(); i++) {
                        params.put(route.names().get(i), percentDecoded(m.group(i + 1)));
                    }
                    respond(exchange, route.handler().handleRequest(event(exchange, route, method, path, params), null));
                    return;
                }
            }
            byte[] body = "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
        } finally {
            exchange.close();
        }
    }

    /**
     * A path segment as API Gateway hands a path parameter over: percent-decoded as a URI path is
     * ({@code +} stays {@code +}, unlike form decoding: event ids may hold one).
     */
    static String percentDecoded(String segment) {
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** What Lambda sends a function for a request to its URL. */
    private static APIGatewayV2HTTPEvent urlEvent(HttpExchange exchange, String method, String rawPath) throws IOException {
        APIGatewayV2HTTPEvent event = event(exchange, method, rawPath, null);
        event.setRouteKey("$default");
        event.getRequestContext().setRouteKey("$default");
        String query = exchange.getRequestURI().getRawQuery();
        event.setRawQueryString(query == null ? "" : query);
        return event;
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, Route route, String method, String path,
                                               Map<String, String> params) throws IOException {
        APIGatewayV2HTTPEvent event = event(exchange, method, path, params);
        event.setRouteKey(method + " " + route.template());
        return event;
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, String method, String path,
                                               Map<String, String> params) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String body = null;
        boolean base64 = false;
        if (raw.length > 0) {
            try {
                body = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                // As API Gateway does with bodies that are not text.
                body = Base64.getEncoder().encodeToString(raw);
                base64 = true;
            }
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath(path)
                .withRawQueryString(exchange.getRequestURI().getRawQuery())
                .withHeaders(headers)
                .withPathParameters(params)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(java.util.UUID.randomUUID().toString())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress()).build())
                        .build())
                .build();
    }

    private static void respond(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        }
        byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
