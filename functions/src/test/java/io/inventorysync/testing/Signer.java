package io.inventorysync.testing;

import com.standardwebhooks.Webhook;

import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Signs requests the way a source does, with the official Standard Webhooks library. */
public final class Signer {
    private Signer() {
    }

    public static String newSecret() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** Signature headers for {@code body}, signed now. */
    public static Map<String, String> headers(String secret, String body) {
        return headers(secret, body, Instant.now());
    }

    public static Map<String, String> headers(String secret, String body, Instant at) {
        String id = "msg_" + UUID.randomUUID();
        try {
            String signature = new Webhook(secret).sign(id, at.getEpochSecond(), body);
            Map<String, String> headers = new HashMap<>();
            headers.put("webhook-id", id);
            headers.put("webhook-timestamp", Long.toString(at.getEpochSecond()));
            headers.put("webhook-signature", signature);
            headers.put("content-type", "application/json");
            return headers;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
