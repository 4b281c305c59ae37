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

    @Test
    void isValid_shouldBuildOneVerifierPerSecret_andStillRefuseATamperedBody() {
        SignatureCheck check = new SignatureCheck();
        String secret = Signer.newSecret();
        Map<String, List<String>> headers = multi(Signer.headers(secret, BODY));

        assertThat(check.isValid(List.of(secret), BODY, headers)).isTrue();
        assertThat(check.isValid(List.of(secret), BODY, headers)).isTrue();
        assertThat(check.isValid(List.of(secret), BODY.replace("e-1", "e-2"), headers)).isFalse();
        assertThat(check.kept()).isEqualTo(1);
    }

    @Test
    void isValid_shouldTryTheNextSecret_whenOneIsNotAKey() {
        SignatureCheck check = new SignatureCheck();
        String secret = Signer.newSecret();
        Map<String, List<String>> headers = multi(Signer.headers(secret, BODY));

        assertThat(check.isValid(List.of("whsec_not*base64", "", "4f1c0ffee2b7a9d3e5", secret), BODY, headers)).isTrue();
        assertThat(check.isValid(List.of("whsec_not*base64", ""), BODY, headers)).isFalse();
    }

    @Test
    void isValid_shouldKeepAtMostItsBound_andVerifyWithAnEvictedSecretAgain() {
        SignatureCheck check = new SignatureCheck(2);
        List<String> secrets = List.of(Signer.newSecret(), Signer.newSecret(), Signer.newSecret());
        for (String secret : secrets) {
            assertThat(check.isValid(List.of(secret), BODY, multi(Signer.headers(secret, BODY)))).isTrue();
        }

        assertThat(check.kept()).isEqualTo(2);
        assertThat(check.isValid(List.of(secrets.getFirst()), BODY, multi(Signer.headers(secrets.getFirst(), BODY))))
                .isTrue();
        assertThat(check.kept()).isEqualTo(2);
    }

    @Test
    void isValid_shouldNotVerifyWithAKeptSecret_thatTheSourceNoLongerHas() {
        SignatureCheck check = new SignatureCheck();
        String revoked = Signer.newSecret();
        Map<String, List<String>> headers = multi(Signer.headers(revoked, BODY));
        assertThat(check.isValid(List.of(revoked), BODY, headers)).isTrue();

        assertThat(check.isValid(List.of(Signer.newSecret()), BODY, headers)).isFalse();
        assertThat(check.isValid(List.of(), BODY, headers)).isFalse();
    }

    private static Map<String, List<String>> multi(Map<String, String> headers) {
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return multi;
    }
}
