package io.inventorysync.channels;

import io.inventorysync.domain.vendor.ShopifyTarget;

import java.net.URI;
import java.util.Objects;

/**
 * Where a channel's events go.
 *
 * <ul>
 *   <li>{@link Kind#SQS}: the stack creates a queue that the channel reads; every other member is null.</li>
 *   <li>{@link Kind#SHOPIFY}: a queue, like {@code SQS}, read by the stack's Shopify connector, which
 *       pushes the channel's availability to the store {@code shopify} names (vendor adapters, v1.1).</li>
 *   <li>{@link Kind#HTTPS}: an EventBridge API destination: {@code endpoint}, {@code httpMethod} and
 *       {@code auth} are set; {@code invocationRateLimitPerSecond} is null when EventBridge's default applies.</li>
 * </ul>
 *
 * @param invocationRateLimitPerSecond 1..300 requests per second to the endpoint, or null
 */
public record Target(Kind kind, URI endpoint, HttpMethod httpMethod, Auth auth, Integer invocationRateLimitPerSecond,
                     ShopifyTarget shopify) {

    /** The kinds of target a channel can have. */
    public enum Kind {
        SQS,
        HTTPS,
        SHOPIFY
    }

    /** The methods an API destination may call the endpoint with. */
    public enum HttpMethod {
        POST,
        PUT
    }

    public Target {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.HTTPS) {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(httpMethod, "httpMethod");
            Objects.requireNonNull(auth, "auth");
        }
        if (kind == Kind.SHOPIFY) {
            Objects.requireNonNull(shopify, "shopify");
        }
    }

    public Target(Kind kind, URI endpoint, HttpMethod httpMethod, Auth auth, Integer invocationRateLimitPerSecond) {
        this(kind, endpoint, httpMethod, auth, invocationRateLimitPerSecond, null);
    }

    /** A queue read by the Shopify connector, which pushes to {@code shop}. */
    public static Target shopify(ShopifyTarget shop) {
        return new Target(Kind.SHOPIFY, null, null, null, null, shop);
    }

    /** True when the stack creates a queue the channel's events wait in (SQS, or a connector's). */
    public boolean isQueue() {
        return kind == Kind.SQS || kind == Kind.SHOPIFY;
    }

    /** A queue created for the channel. */
    public static Target sqs() {
        return new Target(Kind.SQS, null, null, null, null);
    }

    /** An API destination. */
    public static Target https(URI endpoint, HttpMethod httpMethod, Auth auth, Integer invocationRateLimitPerSecond) {
        return new Target(Kind.HTTPS, endpoint, httpMethod, auth, invocationRateLimitPerSecond);
    }

    /**
     * How the API destination's connection authorizes itself at the endpoint. The credential
     * itself is never in the configuration: {@code secretName} names the Secrets Manager secret
     * that holds it (the API key, the user name and password, or the OAuth client id and secret).
     *
     * @param headerName            {@link Type#API_KEY} only: the header that carries the key, e.g. {@code x-api-key}
     * @param authorizationEndpoint {@link Type#OAUTH_CLIENT_CREDENTIALS} only: the https token endpoint
     * @param secretName            the Secrets Manager secret holding the credential
     */
    public record Auth(Type type, String headerName, URI authorizationEndpoint, String secretName) {

        /** The authorization schemes of an EventBridge connection. */
        public enum Type {
            API_KEY,
            BASIC,
            OAUTH_CLIENT_CREDENTIALS
        }

        public Auth {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(secretName, "secretName");
        }
    }
}
