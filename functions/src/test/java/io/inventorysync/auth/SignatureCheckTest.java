package io.inventorysync.auth;

import io.inventorysync.testing.Signer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SignatureCheck}: a verifier per secret value, kept (bounded), never a verdict kept. */
class SignatureCheckTest {
    private static final String BODY = "{\"eventId\":\"e-1\"}";

    private final SignatureCheck check = new SignatureCheck();
    private final String secret = Signer.newSecret();
    private final Map<String, List<String>> signed = signedBy(secret);

    @Test
    void isValid_shouldBuildOneVerifierPerSecret_andStillRefuseATamperedBody() {
        assertThat(check.isValid(List.of(secret), BODY, signed)).isTrue();
        assertThat(check.isValid(List.of(secret), BODY, signed)).isTrue();
        assertThat(check.isValid(List.of(secret), BODY.replace("e-1", "e-2"), signed)).isFalse();
        assertThat(check.kept()).isEqualTo(1);
    }

    @Test
    void isValid_shouldTryTheNextSecret_whenOneIsNotAKey() {
        assertThat(check.isValid(List.of("whsec_not*base64", "", "4f1c0ffee2b7a9d3e5", secret), BODY, signed)).isTrue();
        assertThat(check.isValid(List.of("whsec_not*base64", ""), BODY, signed)).isFalse();
    }

    @Test
    void isValid_shouldKeepAtMostItsBound_andVerifyWithAnEvictedSecretAgain() {
        SignatureCheck small = new SignatureCheck(2);
        List<String> secrets = List.of(secret, Signer.newSecret(), Signer.newSecret());
        for (String each : secrets) {
            assertThat(small.isValid(List.of(each), BODY, signedBy(each))).isTrue();
        }

        assertThat(small.kept()).isEqualTo(2);
        assertThat(small.isValid(List.of(secret), BODY, signed)).isTrue();
        assertThat(small.kept()).isEqualTo(2);
    }

    @Test
    void isValid_shouldNotVerifyWithAKeptSecret_thatTheSourceNoLongerHas() {
        assertThat(check.isValid(List.of(secret), BODY, signed)).isTrue();

        assertThat(check.isValid(List.of(Signer.newSecret()), BODY, signed)).isFalse();
        assertThat(check.isValid(List.of(), BODY, signed)).isFalse();
    }

    private static Map<String, List<String>> signedBy(String secret) {
        return multi(Signer.headers(secret, BODY));
    }

    private static Map<String, List<String>> multi(Map<String, String> headers) {
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return multi;
    }
}
