package io.inventorysync.domain;

import java.util.regex.Pattern;

/** The identifier formats of contract v1. */
public final class Ids {
    /** Source ids: {@code [a-z0-9-]{1,64}}. */
    public static final Pattern SOURCE_ID = Pattern.compile("[a-z0-9-]{1,64}");
    /**
     * Event, reservation, location ids and SKUs: printable, no spaces and no {@code #}, which
     * the store uses as its key separator.
     */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/+-]{0,127}");

    private Ids() {
    }

    public static boolean isSourceId(String s) {
        return s != null && SOURCE_ID.matcher(s).matches();
    }

    public static boolean isId(String s) {
        return s != null && ID.matcher(s).matches();
    }
}
