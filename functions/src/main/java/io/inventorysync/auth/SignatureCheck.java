package io.inventorysync.auth;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import java.util.List;
import java.util.Map;

/**
 * Standard Webhooks verification, by the scheme's official Java library: HMAC-SHA256 over
 * {@code id.timestamp.body}, compared in constant time, timestamps within 5 minutes, several
 * space-separated signatures accepted. Tries every current secret of the source (key rotation).
 */
public final class SignatureCheck {
    private SignatureCheck() {
    }

    /** True when any of {@code secrets} produced one of the request's signatures. */
    public static boolean isValid(List<String> secrets, String body, Map<String, List<String>> headers) {
        for (String secret : secrets) {
            try {
                new Webhook(secret).verify(body, headers);
                return true;
            } catch (WebhookVerificationException | EmptyWebhookSecretException | IllegalArgumentException e) {
                // Not this secret (or a malformed one): try the next.
            }
        }
        return false;
    }
}
