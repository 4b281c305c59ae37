package io.inventorysync.domain;

/**
 * One thing wrong with an input.
 *
 * @param path    where, in a JSON-pointer-like notation such as {@code lines[2].quantity}
 * @param message what is wrong, phrased for the sender, e.g. "must be a positive integer"
 */
public record Problem(String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + " " + message;
    }
}
