package io.inventorysync.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * The vendors' own webhook signatures: a base64 HMAC-SHA256 of the signed bytes under the
 * vendor's signing key (Shopify: the raw body, header {@code X-Shopify-Hmac-Sha256}; Square: the
 * notification URL followed by the raw body, header {@code x-square-hmacsha256-signature}). The
 * key is the secret's text as the vendor gave it. Compared in constant time.
 */
public final class VendorSignature {
    private VendorSignature() {
    }

    /** True when {@code signature} is the HMAC of {@code signed} under any of {@code secrets}. */
    public static boolean isValid(List<String> secrets, byte[] signed, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean valid = false;
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            // Every secret is tried, so the time taken does not tell which one matched.
            valid |= MessageDigest.isEqual(hmac(secret, signed), given);
        }
        return valid;
    }

    /** The base64 signature of {@code signed} under {@code secret}: what a vendor sends. */
    public static String sign(String secret, byte[] signed) {
        return Base64.getEncoder().encodeToString(hmac(secret, signed));
    }

    /** The notification URL and the body, as Square signs them. */
    public static byte[] squareSigned(String notificationUrl, byte[] body) {
        byte[] url = notificationUrl.getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[url.length + body.length];
        System.arraycopy(url, 0, signed, 0, url.length);
        System.arraycopy(body, 0, signed, url.length, body.length);
        return signed;
    }

    private static byte[] hmac(String secret, byte[] signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
