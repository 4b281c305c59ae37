package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.inventorysync.http.HttpReply;
import io.inventorysync.store.StoreException;
import org.apache.logging.log4j.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Reading API Gateway HTTP API (payload 2.0) events and writing their responses. */
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
