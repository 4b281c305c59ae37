package io.inventorysync.domain;

import java.util.List;

/** The result of validating an input: the typed value, or every problem found in one pass. */
public sealed interface Validated<T> {

    record Valid<T>(T value) implements Validated<T> {
    }

    record Invalid<T>(List<Problem> problems) implements Validated<T> {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid result names at least one problem");
            }
        }
    }
}
