package io.inventorysync.admin;

import io.inventorysync.domain.Ids;
import io.inventorysync.domain.Source;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbSourceRegistry;
import io.inventorysync.store.SourceRegistry;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registers or updates a source, so nobody writes DynamoDB items or secrets by hand:
 *
 * <pre>
 * java -cp functions/target/functions.jar io.inventorysync.admin.SourceAdmin register \
 *     --table inventory --source pos-acme [--alias SKU-4471=BLU-SHIRT-M ...] [--unknown-skus reject]
 *     [--rotate | --revoke-others]
 * </pre>
 *
 * A new source gets a fresh {@code whsec_} secret in Secrets Manager, named {@code <prefix><id>}: the prefix is
 * {@code --secret-prefix}, else {@code SOURCE_SECRET_PREFIX} (the stack's {@code SourceSecretPrefix} output,
 * {@code inventory-sync/<stage>/sources/}: the functions of a stage may read that prefix only), else
 * {@code inventory-sync/sources/} (the local cloud's);
 * {@code --rotate} adds a new secret beside the current one (both verify until the next rotation);
 * {@code --revoke-others} issues a new secret instead of every current one (a leaked key stops
 * verifying within the functions' secret cache time).
 * The new secret is printed once, to standard output, for the operator to hand to the sender.
 * Uses the standard AWS credentials, region and endpoint settings ({@code AWS_ENDPOINT_URL} for local engines).
 */
public final class SourceAdmin {
    /** The secret store the command writes to. */
    public interface SecretVault {
        Optional<String> read(String secretId);

        void write(String secretId, String value);
    }

    /** The parsed command line. */
    record Command(String table, String sourceId, String secretId, Map<String, String> aliases,
                   Source.UnknownSkuPolicy unknownSkus, boolean rotate, boolean revokeOthers) {
    }

    private SourceAdmin() {
    }

    public static void main(String[] args) {
        Command command;
        try {
            command = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: register --table TABLE --source ID [--alias THEIRS=OURS]... "
                    + "[--unknown-skus pass-through|reject] [--secret-prefix PREFIX | --secret-id NAME] [--rotate | --revoke-others]");
            System.exit(2);
            return;
        }
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
             SecretsManagerClient secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            run(command, new DynamoDbSourceRegistry(dynamo, command.table()), secretsManager(secrets), System.out);
        }
    }

    /** Registers the source and prints what a sender needs. */
    static void run(Command c, SourceRegistry registry, SecretVault vault, PrintStream out) {
        // A secret the stack created holds a placeholder, not a key: treat it as empty.
        Optional<String> existing = vault.read(c.secretId()).filter(v -> v.trim().startsWith("whsec_"));
        String issued = null;
        if (existing.isEmpty() || c.rotate() || c.revokeOthers()) {
            issued = newSecret();
            List<String> keys = new ArrayList<>();
            // Keep only the newest previous key: a rotation retires the one before it. A revocation keeps none.
            if (!c.revokeOthers()) {
                existing.map(v -> v.trim().split("\\s+")).map(a -> a[a.length - 1]).ifPresent(keys::add);
            }
            keys.add(issued);
            vault.write(c.secretId(), String.join(" ", keys));
        }
        registry.register(new Source(c.sourceId(), c.secretId(), c.aliases(), c.unknownSkus()));
        out.println("source " + c.sourceId() + " registered (" + c.aliases().size() + " SKU aliases, unknown SKUs: "
                + c.unknownSkus() + ", secret in " + c.secretId() + ")");
        if (issued != null) {
            out.println("signing secret (shown once; give it to the sender): " + issued);
        }
    }

    static Command parse(String[] args) {
        return parse(args, System.getenv());
    }

    static Command parse(String[] args, Map<String, String> environment) {
        if (args.length == 0 || !args[0].equals("register")) {
            throw new IllegalArgumentException("the only command is: register");
        }
        String table = environment.get(Settings.TABLE_NAME);
        String secretPrefix = environment.getOrDefault(Settings.SOURCE_SECRET_PREFIX_VARIABLE, Settings.SOURCE_SECRET_PREFIX);
        String sourceId = null;
        String secretId = null;
        Map<String, String> aliases = new LinkedHashMap<>();
        Source.UnknownSkuPolicy policy = Source.UnknownSkuPolicy.PASS_THROUGH;
        boolean rotate = false;
        boolean revokeOthers = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--table" -> table = value(args, ++i, arg);
                case "--source" -> sourceId = value(args, ++i, arg);
                case "--secret-id" -> secretId = value(args, ++i, arg);
                case "--secret-prefix" -> secretPrefix = value(args, ++i, arg);
                case "--alias" -> {
                    String[] pair = value(args, ++i, arg).split("=", 2);
                    if (pair.length != 2 || !Ids.isId(pair[0]) || !Ids.isId(pair[1])) {
                        throw new IllegalArgumentException("--alias takes THEIRS=OURS, two SKUs");
                    }
                    aliases.put(pair[0], pair[1]);
                }
                case "--unknown-skus" -> policy = switch (value(args, ++i, arg)) {
                    case "reject" -> Source.UnknownSkuPolicy.REJECT;
                    case "pass-through" -> Source.UnknownSkuPolicy.PASS_THROUGH;
                    default -> throw new IllegalArgumentException("--unknown-skus is reject or pass-through");
                };
                case "--rotate" -> rotate = true;
                case "--revoke-others" -> revokeOthers = true;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (table == null) {
            throw new IllegalArgumentException("--table (or TABLE_NAME) is required");
        }
        if (!Ids.isSourceId(sourceId)) {
            throw new IllegalArgumentException("--source must match " + Ids.SOURCE_ID.pattern());
        }
        return new Command(table, sourceId, secretId == null ? secretPrefix + sourceId : secretId, aliases, policy,
                rotate, revokeOthers);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    public static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    static SecretVault secretsManager(SecretsManagerClient client) {
        return new SecretVault() {
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
                            .description("inventory-sync signing secrets (whsec_, space-separated) of one source"));
                }
            }
        };
    }
}
