package io.inventorysync.domain.vendor;

import io.inventorysync.domain.Problem;
import io.inventorysync.domain.Validated;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VendorConfigTest {

    @Test
    void parse_shouldListEveryProblem_whenSeveralMembersAreWrong() {
        Validated<VendorConfig> result = VendorConfig.parse(Map.of("kind", "SQUARE", "notificationUrl", "ftp://x",
                "locations", Map.of("L1", "bad location!"), "items", "nope"), "vendor");

        assertThat(result).isInstanceOfSatisfying(Validated.Invalid.class, invalid -> assertThat(invalid.problems())
                .extracting(p -> ((Problem) p).path())
                .containsExactlyInAnyOrder("vendor.locations.L1", "vendor.items", "vendor.merchantId",
                        "vendor.notificationUrl", "vendor.apiBaseUrl", "vendor.tokenSecretName", "vendor.applicationId"));
    }

    @Test
    void parse_shouldRefuseAnUnknownKind() {
        assertThat(VendorConfig.parse(Map.of("kind", "LIGHTSPEED"), "vendor"))
                .isInstanceOfSatisfying(Validated.Invalid.class, invalid -> assertThat(invalid.problems())
                        .extracting(p -> ((Problem) p).path()).containsExactly("vendor.kind"));
    }

    @Test
    void toJson_shouldReadBackAsTheSameConfig() {
        VendorConfig shopify = new VendorConfig.Shopify("acme.myshopify.com", "web-dc", Map.of("1", "store-12"),
                Map.of("9007199254740993", "BLU-SHIRT-M"));
        VendorConfig square = new VendorConfig.Square("M", "https://h/x", "https://connect.squareup.com", "t", "app",
                Map.of("L", "store-12"), Map.of());

        assertThat(VendorConfig.parse(shopify.toJson(), "")).isEqualTo(new Validated.Valid<>(shopify));
        assertThat(VendorConfig.parse(square.toJson(), "")).isEqualTo(new Validated.Valid<>(square));
    }
}
