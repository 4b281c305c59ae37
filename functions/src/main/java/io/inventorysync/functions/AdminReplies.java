package io.inventorysync.functions;

import io.inventorysync.admin.SourceAdminResult;
import io.inventorysync.domain.SourceConfig;
import io.inventorysync.http.HttpReply;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP answers of the admin routes ({@code /v1/admin/sources/...}), one per result. A secret
 * appears in two answers only: the create ({@code 201}) and a new key ({@code 201}).
 */
final class AdminReplies {
    private AdminReplies() {
    }

    static HttpReply of(SourceAdminResult result) {
        return switch (result) {
            case SourceAdminResult.Created created -> {
                Map<String, Object> body = new LinkedHashMap<>(SourceConfig.view(created.source()));
                body.put("secret", created.secret());
                yield HttpReply.json(201, body);
            }
            case SourceAdminResult.Replaced replaced -> HttpReply.json(200, SourceConfig.view(replaced.source()));
            case SourceAdminResult.Found found -> HttpReply.json(200, SourceConfig.view(found.source()));
            case SourceAdminResult.SecretIssued issued ->
                    HttpReply.json(201, Map.of("sourceId", issued.sourceId(), "secret", issued.secret()));
            case SourceAdminResult.Invalid invalid -> HttpReply.problem(400, invalid.code(), "Invalid source",
                    HttpReply.summary(invalid.problems()) + "; nothing changed.",
                    invalid.problems());
            case SourceAdminResult.NotFound notFound -> HttpReply.problem(404, notFound.code(), "Unknown source",
                    "No source is registered as " + notFound.sourceId() + ".");
        };
    }
}
