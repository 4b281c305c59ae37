package io.inventorysync.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 fingerprints, as lower-case hex. */
public final class Digests {
    private Digests() {
    }

    /**
     * The SHA-256 of {@code fields} in a canonical encoding: each field as its length in UTF-16
     * units, a colon and its text, or {@code -} for {@code null}. No field's content can move a
     * boundary, so two different lists never share an encoding (a separator character could
     * occur in free text and make two bodies look alike).
     */
    public static String fingerprint(Object... fields) {
        StringBuilder canonical = new StringBuilder();
        for (Object field : fields) {
            if (field == null) {
                canonical.append('-');
            } else {
                String text = field.toString();
                canonical.append(text.length()).append(':').append(text);
            }
        }
        return sha256(canonical.toString());
    }

    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
