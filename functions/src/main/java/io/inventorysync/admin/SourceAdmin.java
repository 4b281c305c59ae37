package io.inventorysync.admin;

import io.inventorysync.domain.Ids;
import io.inventorysync.settings.Settings;
import io.inventorysync.store.DynamoDbSourceRegistry;
import io.inventorysync.store.SourceRegistry;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin routes of sources as a command, for an operator with AWS credentials: the same
 * {@link SourceAdminService} as {@code PUT /v1/admin/sources/{sourceId}} and
 * {@code POST /v1/admin/sources/{sourceId}/secrets}.
 *
 * <pre>
 * java -cp functions/target/functions.jar io.inventorysync.admin.SourceAdmin register \
 *     --table inventory --source pos-acme [--alias SKU-4471=BLU-SHIRT-M ...] [--unknown-skus reject]
 *     [--location store-1* ...] [--event-type SALE ...] [--can-reserve] [--drift-threshold N]
 *     [--rotate | --revoke-others]
 * </pre>
 *
 * Registering replaces the source's whole configuration (options left out take their defaults).
 * A new source gets a fresh {@code whsec_} key in Secrets Manager, named {@code <prefix><id>}: the
 * prefix is {@code --secret-prefix}, else {@code SOURCE_SECRET_PREFIX} (the stack's
 * {@code SourceSecretPrefix} output, {@code inventory-sync/<stage>/sources/}: the functions of a stage
 * may read that prefix only), else {@code inventory-sync/sources/} (the local cloud's);
 * {@code --rotate} adds a new key beside the current ones; {@code --revoke-others} issues a new key
 * instead of every current one. A new key is printed once, to standard output, for the operator to
 * hand to the sender. Uses the standard AWS credentials, region and endpoint settings
 * ({@code AWS_ENDPOINT_URL} for local engines).
 */
public final class SourceAdmin {

    /** The parsed command line; {@code configuration} is the JSON the admin route would take. */
    record Command(String table, String sourceId, String secretPrefix, Map<String, Object> configuration,
                   boolean rotate, boolean revokeOthers) {
        String secretId() {
            return secretPrefix + sourceId;
        }
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
                    + "[--unknown-skus pass-through|reject] [--location ID|PREFIX*]... [--event-type TYPE]... "
                    + "[--can-reserve] [--drift-threshold N] [--secret-prefix PREFIX] [--rotate | --revoke-others]");
            System.exit(2);
            return;
        }
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
             SecretsManagerClient secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            if (!run(command, new DynamoDbSourceRegistry(dynamo, command.table()), new SecretsManagerVault(secrets),
                    System.out)) {
                System.exit(2);
            }
        }
    }

    /** Registers the source and prints what a sender needs; false when the configuration is refused. */
    static boolean run(Command c, SourceRegistry registry, SecretVault vault, PrintStream out) {
        SourceAdminService service = new SourceAdminService(registry, vault, c.secretPrefix());
        SourceAdminResult result = service.put(c.sourceId(), c.configuration());
        String issued;
        switch (result) {
            case SourceAdminResult.Invalid invalid -> {
                invalid.problems().forEach(p -> out.println("refused: " + p));
                return false;
            }
            case SourceAdminResult.Created created -> issued = created.secret();
            default -> issued = null;
        }
        if (issued == null && (c.rotate() || c.revokeOthers())) {
            issued = ((SourceAdminResult.SecretIssued) service.addSecret(c.sourceId(),
                    Map.of("revokeOthers", c.revokeOthers()))).secret();
        }
        var source = registry.source(c.sourceId()).orElseThrow();
        out.println("source " + c.sourceId() + " registered (" + source.skuAliases().size() + " SKU aliases, unknown SKUs: "
                + source.unknownSkus() + ", locations " + source.locations() + ", may reserve: " + source.canReserve()
                + ", secret in " + source.secretRef() + ")");
        if (issued != null) {
            out.println("signing secret (shown once; give it to the sender): " + issued);
        }
        return true;
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
        Map<String, Object> configuration = new LinkedHashMap<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        List<String> locations = new ArrayList<>();
        List<String> eventTypes = new ArrayList<>();
        boolean rotate = false;
        boolean revokeOthers = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--table" -> table = value(args, ++i, arg);
                case "--source" -> sourceId = value(args, ++i, arg);
                case "--secret-prefix" -> secretPrefix = value(args, ++i, arg);
                case "--alias" -> {
                    String[] pair = value(args, ++i, arg).split("=", 2);
                    if (pair.length != 2 || !Ids.isId(pair[0]) || !Ids.isId(pair[1])) {
                        throw new IllegalArgumentException("--alias takes THEIRS=OURS, two SKUs");
                    }
                    aliases.put(pair[0], pair[1]);
                }
                case "--unknown-skus" -> configuration.put("unknownSkus", switch (value(args, ++i, arg)) {
                    case "reject" -> "REJECT";
                    case "pass-through" -> "PASS_THROUGH";
                    default -> throw new IllegalArgumentException("--unknown-skus is reject or pass-through");
                });
                case "--location" -> locations.add(value(args, ++i, arg));
                case "--event-type" -> eventTypes.add(value(args, ++i, arg));
                case "--can-reserve" -> configuration.put("canReserve", true);
                case "--drift-threshold" -> {
                    try {
                        configuration.put("driftThreshold", Long.parseLong(value(args, ++i, arg)));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--drift-threshold takes a whole number");
                    }
                }
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
        configuration.put("aliases", aliases);
        if (!locations.isEmpty()) {
            configuration.put("locations", locations);
        }
        if (!eventTypes.isEmpty()) {
            configuration.put("eventTypes", eventTypes);
        }
        return new Command(table, sourceId, secretPrefix, configuration, rotate, revokeOthers);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** A new signing key; see {@link SourceAdminService#newSecret}. */
    public static String newSecret() {
        return SourceAdminService.newSecret();
    }
}
