package io.inventorysync.admin;

import io.inventorysync.domain.Problem;
import io.inventorysync.domain.Source;

import java.util.List;

/** What became of a request to the admin routes of sources. */
public sealed interface SourceAdminResult {

    /** The source did not exist: it does now, with its first signing secret (shown this once). */
    record Created(Source source, String secret) implements SourceAdminResult {
    }

    /** The source's configuration was replaced; its secrets are unchanged. */
    record Replaced(Source source) implements SourceAdminResult {
    }

    /** The source's configuration. */
    record Found(Source source) implements SourceAdminResult {
    }

    /** A key was added to the source's secrets (or put instead of them); {@code secret} is it, shown this once. */
    record SecretIssued(String sourceId, String secret) implements SourceAdminResult {
    }

    /** Nothing changed; {@code code} is the problem code. */
    sealed interface Refused extends SourceAdminResult {
        String code();
    }

    /** The request breaks the configuration's rules: every problem found; nothing changed. */
    record Invalid(List<Problem> problems) implements Refused {
        public Invalid {
            problems = List.copyOf(problems);
        }

        @Override
        public String code() {
            return "INVALID_SOURCE";
        }
    }

    /** No source has this id. */
    record NotFound(String sourceId) implements Refused {
        @Override
        public String code() {
            return "UNKNOWN_SOURCE";
        }
    }
}
