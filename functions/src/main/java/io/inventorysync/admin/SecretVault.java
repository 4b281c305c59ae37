package io.inventorysync.admin;

import java.util.Optional;

/** Where sources' signing secrets are kept (Secrets Manager on AWS and in the local cloud). */
public interface SecretVault {
    /** The secret's value, or empty when there is no such secret. */
    Optional<String> read(String secretId);

    /** Creates the secret, or puts a new value in it. */
    void write(String secretId, String value);
}
