package io.inventorysync.infra;

import java.util.Locale;
import java.util.function.Function;

/**
 * The webhook's second front door: a Lambda function URL on its {@code live} alias, beside the HTTP
 * API (context {@code webhookFunctionUrl=true}; README, "Deploy": "A cheaper front door for webhooks"),
 * and what caps it. The URL is open (auth NONE: the function verifies every signature) and has no
 * stage throttle as the HTTP API has (200 req/s, burst 500), so anyone who knows it can make the
 * webhook run; with the URL the webhook therefore gets a reserved concurrency
 * ({@code webhookFunctionUrl.reservedConcurrency}): a flood is refused by Lambda with 429 before the
 * function runs, and never takes the account's unreserved concurrency that the processor, relay,
 * publisher and reservations share. The reservation holds for both doors (one function).
 *
 * @param enabled             whether the URL is deployed
 * @param reservedConcurrency the webhook's reserved concurrent executions with the URL; {@code 0} is no
 *                            reservation (no cap); meaningless without the URL, where nothing is reserved
 */
public record WebhookFunctionUrl(boolean enabled, int reservedConcurrency) {
    /** The context key that turns the URL on; the others are {@code webhookFunctionUrl.<name>}. */
    public static final String KEY = "webhookFunctionUrl";
    public static final String RESERVED_CONCURRENCY = KEY + ".reservedConcurrency";
    /**
     * The old stage limit's worth: 200 req/s held by executions that each last well under 0.25 s at
     * p99 (the webhook's p99 in the cost runs is tens of ms) need 200 × 0.25 = 50.
     */
    public static final int DEFAULT_RESERVED_CONCURRENCY = 50;
    /** No URL: what every deploy had before the setting existed. */
    public static final WebhookFunctionUrl OFF = new WebhookFunctionUrl(false, DEFAULT_RESERVED_CONCURRENCY);
    /** The URL with the default reservation. */
    public static final WebhookFunctionUrl ON = new WebhookFunctionUrl(true, DEFAULT_RESERVED_CONCURRENCY);

    public WebhookFunctionUrl {
        if (reservedConcurrency < 0) {
            throw new IllegalArgumentException(RESERVED_CONCURRENCY + " must be 0 (no cap) or more, not "
                    + reservedConcurrency);
        }
    }

    /** Whether the webhook function gets {@code ReservedConcurrentExecutions}: with the URL, unless 0. */
    public boolean capped() {
        return enabled && reservedConcurrency > 0;
    }

    /**
     * The setting from context values ({@code null} where a key is not set): off unless
     * {@code webhookFunctionUrl} is {@code true}, given as a string ({@code -c}) or a boolean
     * ({@code cdk.json}); anything else stops the synthesis, so a typo never deploys without the door
     * it asked for. {@code webhookFunctionUrl.reservedConcurrency} is read, and checked, only with the
     * URL: a whole number, 0 or more.
     */
    public static WebhookFunctionUrl from(Function<String, Object> context) {
        Object value = context.apply(KEY);
        if (value == null) {
            return OFF;
        }
        boolean enabled = switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(KEY + " must be true or false, not " + value);
        };
        if (!enabled) {
            return OFF;
        }
        Object reserved = context.apply(RESERVED_CONCURRENCY);
        if (reserved == null) {
            return ON;
        }
        String text = reserved.toString().trim();
        int number;
        try {
            number = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(RESERVED_CONCURRENCY + " must be a whole number (0 for no cap), not "
                    + reserved);
        }
        return new WebhookFunctionUrl(true, number);
    }
}
