package io.inventorysync.admin;

import io.inventorysync.domain.ChangeType;
import io.inventorysync.domain.Problem;
import io.inventorysync.domain.Source;
import io.inventorysync.store.InMemorySourceRegistry;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SourceAdminService}: sources and their keys as data, behind the admin routes and the CLI. */
class SourceAdminServiceTest {
    private static final String PREFIX = "inventory-sync/test/sources/";
    private final Map<String, String> secrets = new HashMap<>();
    private final SecretVault vault = new SecretVault() {
        @Override
        public Optional<String> read(String secretId) {
            return Optional.ofNullable(secrets.get(secretId));
        }

        @Override
        public void write(String secretId, String value) {
            secrets.put(secretId, value);
        }
    };
    private final InMemorySourceRegistry registry = new InMemorySourceRegistry();
    private final SourceAdminService admin = new SourceAdminService(registry, vault, PREFIX);

    @Test
    void put_shouldCreateWithItsFirstKeyAlone_thenReplaceKeepingTheKeys() {
        // given: a secret left by an earlier source of that id
        secrets.put(PREFIX + "pos-1", "whsec_old");
        // when
        SourceAdminResult created = admin.put("pos-1", Map.of("locations", List.of("store-1*"), "eventTypes", List.of("SALE")));
        SourceAdminResult replaced = admin.put("pos-1", Map.of("canReserve", true));
        // then
        assertThat(created).isInstanceOfSatisfying(SourceAdminResult.Created.class, c -> {
            assertThat(c.secret()).startsWith("whsec_");
            assertThat(secrets.get(PREFIX + "pos-1")).isEqualTo(c.secret());
            assertThat(c.source().locations()).containsExactly("store-1*");
        });
        String key = ((SourceAdminResult.Created) created).secret();
        assertThat(replaced).isInstanceOfSatisfying(SourceAdminResult.Replaced.class, r -> {
            assertThat(r.source().canReserve()).isTrue();
            // a replacement is whole: what it leaves out takes its default
            assertThat(r.source().locations()).containsExactly("*");
            assertThat(r.source().eventTypes()).contains(ChangeType.COUNT);
        });
        assertThat(secrets.get(PREFIX + "pos-1")).isEqualTo(key);
        assertThat(registry.source("pos-1").orElseThrow().secretRef()).isEqualTo(PREFIX + "pos-1");
    }

    @Test
    void put_shouldChangeNothing_whenTheConfigurationIsInvalid() {
        SourceAdminResult result = admin.put("pos-1", Map.of("locations", List.of("*store"), "driftThreshold", -2));
        assertThat(result).isInstanceOfSatisfying(SourceAdminResult.Invalid.class, i -> assertThat(i.problems())
                .extracting(Problem::path).containsExactlyInAnyOrder("locations[0]", "driftThreshold"));
        assertThat(admin.put("POS 1", Map.of())).isInstanceOfSatisfying(SourceAdminResult.Invalid.class,
                i -> assertThat(i.problems()).extracting(Problem::path).containsExactly("sourceId"));
        assertThat(registry.source("pos-1")).isEmpty();
        assertThat(secrets).isEmpty();
    }

    @Test
    void addSecret_shouldKeepTheCurrentKeys_upToThree_orRevokeThem() {
        // given
        String first = ((SourceAdminResult.Created) admin.put("pos-1", Map.of())).secret();
        // when: three rotations
        String second = issued(admin.addSecret("pos-1", Map.of("revokeOthers", false)));
        String third = issued(admin.addSecret("pos-1", null));
        String fourth = issued(admin.addSecret("pos-1", Map.of()));
        // then: the newest three verify, the oldest is retired
        assertThat(secrets.get(PREFIX + "pos-1").split(" ")).containsExactly(second, third, fourth);
        assertThat(List.of(first, second, third, fourth)).doesNotHaveDuplicates();
        // when: a leaked key
        String alone = issued(admin.addSecret("pos-1", Map.of("revokeOthers", true)));
        // then
        assertThat(secrets.get(PREFIX + "pos-1")).isEqualTo(alone);
    }

    @Test
    void addSecret_shouldKeepAGivenVendorKeyBesideTheCurrentOnes() {
        String first = ((SourceAdminResult.Created) admin.put("shop-1", Map.of())).secret();
        assertThat(issued(admin.addSecret("shop-1", Map.of("secret", "shpss_abc123")))).isEqualTo("shpss_abc123");
        assertThat(secrets.get(PREFIX + "shop-1").split(" ")).containsExactly(first, "shpss_abc123");
        // the same key again is not kept twice
        admin.addSecret("shop-1", Map.of("secret", "shpss_abc123"));
        assertThat(secrets.get(PREFIX + "shop-1").split(" ")).containsExactly(first, "shpss_abc123");
    }

    @Test
    void addSecret_shouldRefuseBadBodies_andUnknownSources_changingNothing() {
        admin.put("pos-1", Map.of());
        String before = secrets.get(PREFIX + "pos-1");
        assertThat(admin.addSecret("pos-1", Map.of("revokeOthers", "yes", "secret", "two words")))
                .isInstanceOfSatisfying(SourceAdminResult.Invalid.class, i -> assertThat(i.problems())
                        .extracting(Problem::path).containsExactly("revokeOthers", "secret"));
        assertThat(admin.addSecret("pos-1", List.of())).isInstanceOf(SourceAdminResult.Invalid.class);
        assertThat(admin.addSecret("pos-2", Map.of())).isEqualTo(new SourceAdminResult.NotFound("pos-2"));
        assertThat(secrets.get(PREFIX + "pos-1")).isEqualTo(before);
        assertThat(secrets).containsOnlyKeys(PREFIX + "pos-1");
    }

    @Test
    void get_shouldAnswerTheConfiguration_orNotFound() {
        admin.put("pos-1", Map.of("driftThreshold", 3));
        assertThat(admin.get("pos-1")).isInstanceOfSatisfying(SourceAdminResult.Found.class,
                f -> assertThat(f.source().driftThreshold()).isEqualTo(3));
        assertThat(admin.get("pos-2")).isEqualTo(new SourceAdminResult.NotFound("pos-2"));
        assertThat(admin.get("../etc")).isEqualTo(new SourceAdminResult.NotFound("../etc"));
        assertThat(registry.source("pos-1").map(Source::sourceId)).contains("pos-1");
    }

    private static String issued(SourceAdminResult result) {
        assertThat(result).isInstanceOf(SourceAdminResult.SecretIssued.class);
        return ((SourceAdminResult.SecretIssued) result).secret();
    }
}
