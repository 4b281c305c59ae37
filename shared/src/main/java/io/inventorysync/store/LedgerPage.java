package io.inventorysync.store;

import java.util.List;

/**
 * One page of a record's audit trail, newest {@code occurredAt} first.
 *
 * @param next the position to read on from ({@code before}), or {@code null} when this page holds
 *             the oldest entry; a store's own opaque string, at most a few hundred characters, that
 *             starts with the entry's {@code occurredAt} as 13 digits of epoch milliseconds and {@code #}
 */
public record LedgerPage(List<LedgerEntry> entries, String next) {
    public LedgerPage {
        entries = List.copyOf(entries);
    }

    /** A well-formed position: 13 digits, {@code #}, and the rest of the store's key. */
    public static boolean isPosition(String position) {
        return position != null && position.length() > 14 && position.length() <= 2048
                && position.chars().limit(13).allMatch(Character::isDigit) && position.charAt(13) == '#';
    }
}
