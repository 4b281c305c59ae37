package io.inventorysync.admin;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.util.Optional;

/** Signing secrets in AWS Secrets Manager: created on first write, a new version on each later one. */
public final class SecretsManagerVault implements SecretVault {
    private final SecretsManagerClient client;

    public SecretsManagerVault(SecretsManagerClient client) {
        this.client = client;
    }

    @Override
    public Optional<String> read(String secretId) {
        try {
            return Optional.ofNullable(client.getSecretValue(r -> r.secretId(secretId)).secretString());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(String secretId, String value) {
        try {
            client.putSecretValue(r -> r.secretId(secretId).secretString(value));
        } catch (ResourceNotFoundException e) {
            client.createSecret(r -> r.name(secretId).secretString(value)
                    .description("inventory-sync signing secrets (space-separated) of one source"));
        }
    }
}
