package io.inventorysync.admin;

import io.inventorysync.store.StoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.util.Optional;

/** Signing secrets in AWS Secrets Manager: created on first write, a new version on each later one. */
public final class SecretsManagerVault implements SecretVault {
    private final SecretsManagerClient client;

    public SecretsManagerVault(SecretsManagerClient client) {
        this.client = client;
    }

    /**
     * @throws StoreException when Secrets Manager does not answer (throttling, an internal error, a
     *                        timeout, a denied call): the routes answer {@code 503 STORE_UNAVAILABLE}
     */
    @Override
    public Optional<String> read(String secretId) {
        try {
            return Optional.ofNullable(client.getSecretValue(r -> r.secretId(secretId)).secretString());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw unavailable("read", e);
        }
    }

    /** @throws StoreException as {@link #read} */
    @Override
    public void write(String secretId, String value) {
        try {
            try {
                client.putSecretValue(r -> r.secretId(secretId).secretString(value));
            } catch (ResourceNotFoundException e) {
                client.createSecret(r -> r.name(secretId).secretString(value)
                        .description("inventory-sync signing secrets (space-separated) of one source"));
            }
        } catch (SdkException e) {
            throw unavailable("write", e);
        }
    }

    /** The vault's failure as the store's: the SDK's error code, not its text (which names the secret). */
    private static StoreException unavailable(String operation, SdkException e) {
        return io.inventorysync.auth.VaultFailures.unavailable("secrets vault " + operation + " failed", e);
    }
}
