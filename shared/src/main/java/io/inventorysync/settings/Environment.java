package io.inventorysync.settings;

import java.util.Map;
import java.util.function.Function;

/**
 * Where a function reads its settings: the process environment on Lambda, or a map the local cloud
 * hands each handler, with the same names Lambda sets ({@code TABLE_NAME}, {@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, ...). Nothing is read from JVM-wide state, so one JVM can
 * run several local clouds side by side.
 */
public final class Environment {
    /** The SDK's standard names, read by the functions' clients when the environment is given as a map. */
    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String AWS_ENDPOINT_URL_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
    public static final String AWS_ENDPOINT_URL_SQS = "AWS_ENDPOINT_URL_SQS";
    public static final String AWS_ENDPOINT_URL_EVENTBRIDGE = "AWS_ENDPOINT_URL_EVENTBRIDGE";
    public static final String AWS_ENDPOINT_URL_SECRETS_MANAGER = "AWS_ENDPOINT_URL_SECRETS_MANAGER";

    private static final Environment PROCESS = new Environment(System::getenv, true);

    private final Function<String, String> lookup;
    private final boolean process;

    private Environment(Function<String, String> lookup, boolean process) {
        this.lookup = lookup;
        this.process = process;
    }

    /** The process environment: what Lambda gives a function. */
    public static Environment process() {
        return PROCESS;
    }

    /** An environment of exactly {@code variables}. */
    public static Environment of(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        return new Environment(copy::get, false);
    }

    /**
     * True for {@link #process()}: the SDK then reads region, credentials and endpoints itself from
     * the same variables, as it does on Lambda.
     */
    public boolean isProcess() {
        return process;
    }

    /** A setting that must be present and not blank. */
    public String required(String name) {
        String value = lookup.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    /** A setting, or {@code fallback} when absent or blank. */
    public String optional(String name, String fallback) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
