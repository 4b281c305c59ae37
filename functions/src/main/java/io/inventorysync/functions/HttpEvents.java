package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.inventorysync.http.HttpReply;
import io.inventorysync.store.StoreException;
import org.apache.logging.log4j.Logger;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reading payload 2.0 events and writing their responses. Two front doors send them: the API
 * Gateway HTTP API (which matched a route and sends its path parameters, decoded) and a Lambda
 * function URL (route key {@code $default}, no path parameters, the raw path still percent-encoded):
 * {@link #route} gives a function the same route and parameters from either.
 */
final class HttpEvents {
    private HttpEvents() {
    }

    static String method(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? "" : event.getRequestContext().getHttp().getMethod().toUpperCase(Locale.ROOT);
    }

    static String path(APIGatewayV2HTTPEvent event) {
        return event.getRawPath() == null ? "" : event.getRawPath();
    }

    static Map<String, String> pathParameters(APIGatewayV2HTTPEvent event) {
        return event.getPathParameters() == null ? Map.of() : event.getPathParameters();
    }

    /**
     * A route as API Gateway writes it: {@code GET /v1/sources/{sourceId}/events/{eventId}}. Its
     * segments and parameter names are split once, when the route is made (a function's routes are
     * constants), not on every request.
     */
    record Route(String method, String template, List<String> segments, Set<String> names) {
        Route(String method, String template) {
            this(method, template, segments(template), parameterNames(template));
        }

        private static Set<String> parameterNames(String template) {
            Set<String> names = new LinkedHashSet<>();
            for (String segment : segments(template)) {
                if (isParameter(segment)) {
                    names.add(segment.substring(1, segment.length() - 1));
                }
            }
            return Collections.unmodifiableSet(names);
        }

        private static boolean isParameter(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }

        /** The template with each parameter replaced by its (decoded) value. */
        String path(Map<String, String> parameters) {
            StringBuilder path = new StringBuilder();
            for (String segment : segments.subList(1, segments.size())) {
                path.append('/').append(isParameter(segment)
                        ? parameters.get(segment.substring(1, segment.length() - 1)) : segment);
            }
            return path.toString();
        }

        /**
         * The decoded parameters when {@code rawPath} (percent-encoded, as a function URL sends it)
         * is this template's path: the same number of segments, the literal ones equal once decoded, each
         * parameter a non-empty segment that decodes (UTF-8) to neither {@code .} nor {@code ..}.
         * Otherwise empty. An encoded slash ({@code %2F}) decodes into the parameter: event ids may
         * hold a {@code /} ({@code Ids.ID}), and a segment is split on the raw path's slashes only.
         */
        Optional<Map<String, String>> match(String rawPath) {
            List<String> expected = segments;
            List<String> actual = segments(rawPath);
            if (actual.size() != expected.size()) {
                return Optional.empty();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < expected.size(); i++) {
                String want = expected.get(i);
                String got = actual.get(i);
                if (!isParameter(want)) {
                    if (!percentDecoded(got).filter(want::equals).isPresent()) {
                        return Optional.empty();
                    }
                    continue;
                }
                Optional<String> value = percentDecoded(got);
                if (value.isEmpty() || value.get().isEmpty() || value.get().equals(".") || value.get().equals("..")) {
                    return Optional.empty();
                }
                parameters.put(want.substring(1, want.length() - 1), value.get());
            }
            return Optional.of(parameters);
        }

        private static List<String> segments(String path) {
            return List.of(path.split("/", -1));
        }
    }

    /**
     * Which of a function's routes an event asks for, with its decoded parameters, and the path
     * they make ({@link Route#path}: the same whichever door the request came through, so what is
     * bound to the path, such as a request id's claim, is bound across doors).
     */
    record Routed(Route route, Map<String, String> parameters, String path) {
    }

    /**
     * The route of {@code routes} that {@code event} asks for. From the HTTP API (path parameters
     * present): the route of that method whose parameters are the ones sent. From a function URL
     * (no path parameters): the route whose method is the request's and whose template matches the
     * raw path ({@link Route#match}). Empty for anything else: another function's route, a path
     * that is not one of these, or a known path with another method, all answered {@link #notFound()}
     * (the status the HTTP API answers to a request that matches none of its routes; its body there is
     * API Gateway's own {@code {"message":"Not Found"}}, not this problem). That the HTTP API's
     * parameters are what this decoding gives is a model of API Gateway, not tested against it (README,
     * "Design decisions", "Two front doors").
     */
    static Optional<Routed> route(APIGatewayV2HTTPEvent event, List<Route> routes) {
        String method = method(event);
        Map<String, String> sent = pathParameters(event);
        for (Route route : routes) {
            if (!route.method().equals(method)) {
                continue;
            }
            if (!sent.isEmpty()) {
                if (sent.keySet().equals(route.names())) {
                    return Optional.of(new Routed(route, sent, route.path(sent)));
                }
                continue;
            }
            Optional<Map<String, String>> matched = route.match(path(event));
            if (matched.isPresent()) {
                return Optional.of(new Routed(route, matched.get(), route.path(matched.get())));
            }
        }
        return Optional.empty();
    }

    /**
     * A path segment percent-decoded as a URI path is (RFC 3986: {@code +} stays {@code +}), as
     * UTF-8; empty when an escape is malformed (two of {@code [0-9A-Fa-f]} after each {@code %}, no
     * other digit: {@code %２Ｆ} is not a slash) or the bytes are not UTF-8.
     */
    static Optional<String> percentDecoded(String segment) {
        if (segment.indexOf('%') < 0) {
            return Optional.of(segment);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            int escape = segment.indexOf('%', i);
            if (escape != i) {
                int end = escape < 0 ? segment.length() : escape;
                bytes.writeBytes(segment.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
                continue;
            }
            if (i + 2 >= segment.length()) {
                return Optional.empty();
            }
            int high = hexDigit(segment.charAt(i + 1));
            int low = hexDigit(segment.charAt(i + 2));
            if (high < 0 || low < 0) {
                return Optional.empty();
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The value of an ASCII hex digit ({@code [0-9A-Fa-f]}), else -1 (unlike {@link Character#digit}, no other script's digits). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * The query parameters: API Gateway's parsed map, else the raw query string decoded (a front door
     * that sends only that). A name given twice keeps its last value, as API Gateway joins them.
     */
    static Map<String, String> queryParameters(APIGatewayV2HTTPEvent event) {
        if (event.getQueryStringParameters() != null) {
            return event.getQueryStringParameters();
        }
        Map<String, String> params = new HashMap<>();
        if (event.getRawQueryString() != null && !event.getRawQueryString().isEmpty()) {
            for (String pair : event.getRawQueryString().split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                try {
                    params.put(java.net.URLDecoder.decode(name, StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(value, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    params.put(name, value);
                }
            }
        }
        return params;
    }

    /** Header names in lower case (HTTP APIs already send them so; tests and proxies may not). */
    static Map<String, String> headers(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        return headers;
    }

    /** The raw body bytes, decoded when API Gateway sent them base64-encoded. */
    static byte[] body(APIGatewayV2HTTPEvent event) {
        if (event.getBody() == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
    }

    static APIGatewayV2HTTPResponse response(HttpReply reply) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(reply.status())
                .withHeaders(Map.of("content-type", reply.contentType()))
                .withBody(reply.body())
                .build();
    }

    /**
     * Runs a route and answers its reply; a store that cannot be reached answers 503 (retry the same
     * request), anything else 500. Neither carries a stack trace or a secret.
     */
    static APIGatewayV2HTTPResponse answer(Logger log, Supplier<HttpReply> route) {
        try {
            return response(route.get());
        } catch (StoreException e) {
            log.error("store unavailable", e);
            return response(HttpReply.problem(503, "STORE_UNAVAILABLE", "Try again later",
                    "The request could not be completed now; retry the same request."));
        } catch (RuntimeException e) {
            log.error("request failed", e);
            return response(HttpReply.problem(500, "INTERNAL_ERROR", "Internal error",
                    "The request could not be processed; retry it later."));
        }
    }

    static HttpReply notFound() {
        return HttpReply.problem(404, "ROUTE_NOT_FOUND", "Not found", "No such route.");
    }
}
