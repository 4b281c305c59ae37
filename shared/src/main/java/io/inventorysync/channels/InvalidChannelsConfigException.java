package io.inventorysync.channels;

import java.util.List;

/**
 * The channels configuration cannot be used. Every problem found is listed, each naming the
 * channel and the field, e.g. {@code channel "marketplace": target.endpoint must be an https URL}.
 */
public class InvalidChannelsConfigException extends RuntimeException {
    private final List<String> problems;

    public InvalidChannelsConfigException(String origin, List<String> problems) {
        super(origin + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** What is wrong, one entry per problem, in file order. */
    public List<String> problems() {
        return problems;
    }
}
