package io.inventorysync.auth;

import io.inventorysync.domain.Source;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SignedJsonRequest}: signature first, then media type, then JSON. */
class SignedJsonRequestTest {
    private static final Source SOURCE = new Source("pos-acme", "inventory-sync/sources/pos-acme", Map.of(),
            Source.UnknownSkuPolicy.PASS_THROUGH);
    private static final SourceAuthenticator.Authenticated SIGNED = new SourceAuthenticator.Authenticated(SOURCE);

    @Test
    void read_shouldAnswerTheSourceAndTheParsedBody_whenSignedJsonArrives() {
        assertThat(SignedJsonRequest.read(SIGNED, Map.of("content-type", "application/json; charset=utf-8"),
                bytes("{\"a\":1}"))).isEqualTo(new SignedJsonRequest.Read(SOURCE, Map.of("a", 1)));
    }

    @Test
    void read_shouldRefuseWithTheSignatureProblem_whenNeitherMediaTypeNorJsonIsRight() {
        SourceAuthenticator.Refused unsigned = new SourceAuthenticator.Refused(SourceAuthenticator.Reason.UNSIGNED, "x");

        assertThat(SignedJsonRequest.read(unsigned, Map.of("content-type", "text/plain"), bytes("{"))).isEqualTo(unsigned);
    }

    @Test
    void read_shouldRefuseTheMediaType_beforeLookingAtTheJson() {
        assertThat(SignedJsonRequest.read(SIGNED, Map.of(), bytes("{")))
                .isEqualTo(new SignedJsonRequest.UnsupportedMediaType(""));
    }

    @Test
    void read_shouldRefuseAsInvalidJson_whenTheBodyDoesNotParse() {
        assertThat(SignedJsonRequest.read(SIGNED, Map.of("content-type", "application/problem+json"), bytes("{\"a\":")))
                .isEqualTo(new SignedJsonRequest.InvalidJson());
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
