package io.inventorysync.auth;

import io.inventorysync.domain.Source;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
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

    @Test
    void readOptional_shouldAnswerNoJson_withoutLookingAtTheMediaType_whenTheBodyIsBlank() {
        assertThat(SignedJsonRequest.readOptional(SIGNED, Map.of("content-type", "text/plain"), bytes(" \r\n\t")))
                .isEqualTo(new SignedJsonRequest.Read(SOURCE, null));
    }

    @Test
    void isBlank_shouldTakeOnlyJsonWhitespaceForNoBody_notUnicodeSpaces() {
        assertThat(SignedJsonRequest.isBlank(bytes(""))).isTrue();
        assertThat(SignedJsonRequest.isBlank(bytes(" \r\n\t"))).isTrue();
        for (String space : List.of("\u2003", "\u00a0", "\u000b", "\u000c", "\u3000", " \u2003 ")) {
            assertThat(SignedJsonRequest.isBlank(bytes(space))).as("%s", space.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList()).isFalse();
        }
        // as a body, an em space is not JSON
        assertThat(SignedJsonRequest.readOptional(SIGNED, Map.of("content-type", "application/json"), bytes("\u2003")))
                .isEqualTo(new SignedJsonRequest.InvalidJson());
    }

    @Test
    void readOptional_shouldReadTheBodyInFull_whenThereIsOne() {
        assertThat(SignedJsonRequest.readOptional(SIGNED, Map.of("content-type", "text/plain"), bytes(" {}")))
                .isEqualTo(new SignedJsonRequest.UnsupportedMediaType("text/plain"));
    }

    @Test
    void readOptional_shouldRefuseWithTheSignatureProblem_evenWithoutABody() {
        SourceAuthenticator.Refused reused = new SourceAuthenticator.Refused(
                SourceAuthenticator.Reason.REQUEST_ID_REUSED, "pos-acme");

        assertThat(SignedJsonRequest.readOptional(reused, Map.of(), bytes(""))).isEqualTo(reused);
    }

    @Test
    void content_shouldCheckTheMediaTypeThenTheJson_ofARequestAuthenticatedElsewhere() {
        assertThat(SignedJsonRequest.content(null, Map.of("content-type", "application/json"), bytes("[1]")))
                .isEqualTo(new SignedJsonRequest.Read(null, List.of(1)));
        assertThat(SignedJsonRequest.content(null, Map.of("content-type", "text/csv"), bytes("[1]")))
                .isEqualTo(new SignedJsonRequest.UnsupportedMediaType("text/csv"));
        assertThat(SignedJsonRequest.content(null, Map.of("content-type", "application/json"), bytes("[1")))
                .isEqualTo(new SignedJsonRequest.InvalidJson());
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
