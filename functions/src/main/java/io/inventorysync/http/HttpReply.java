package io.inventorysync.http;

import io.inventorysync.domain.Problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP answer: status, content type and JSON body. Errors are RFC 9457 problem details with a
 * stable {@code code} (also kept in {@link #code()} for logs and metrics); they never carry a
 * stack trace or a secret.
 */
public record HttpReply(int status, String contentType, String body, String code) {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    /** The first of {@code problems}, and how many more: a problem detail's one line. */
    public static String summary(List<Problem> problems) {
        String first = problems.getFirst().toString();
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more problems)";
    }

    public static HttpReply json(int status, Object body) {
        return new HttpReply(status, JSON, JsonText.write(body), null);
    }

    public static HttpReply problem(int status, String code, String title, String detail) {
        return problem(status, code, title, detail, List.of());
    }

    /** A problem reply listing every problem found in the input. */
    public static HttpReply problem(int status, String code, String title, String detail, List<Problem> problems) {
        return problem(status, code, title, detail, problems, Map.of());
    }

    /** A problem reply with extension members (RFC 9457 §3.2), e.g. the short lines of a hold. */
    public static HttpReply problem(int status, String code, String title, String detail, List<Problem> problems,
                                    Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("code", code);
        body.put("detail", detail);
        if (!problems.isEmpty()) {
            body.put("problems", problems.stream()
                    .map(p -> Map.of("path", p.path(), "message", p.message())).toList());
        }
        body.putAll(extensions);
        return new HttpReply(status, PROBLEM_JSON, JsonText.write(body), code);
    }
}
