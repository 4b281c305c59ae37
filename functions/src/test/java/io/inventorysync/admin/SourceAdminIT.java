package io.inventorysync.admin;

import io.inventorysync.domain.Source;
import io.inventorysync.store.DynamoDbSourceRegistry;
import io.inventorysync.store.SourceRegistry;
import io.inventorysync.testing.LocalDynamoDb;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Registering and rotating a source: the configuration lands in the real table; the secret store
 * is in memory (no Secrets Manager engine runs here; its adapter is a few SDK calls).
 */
class SourceAdminIT {
    private final Map<String, String> vault = new ConcurrentHashMap<>();
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final SecretVault memoryVault = new SecretVault() {
        @Override
        public Optional<String> read(String secretId) {
            return Optional.ofNullable(vault.get(secretId));
        }

        @Override
        public void write(String secretId, String value) {
            written.add(value);
            vault.put(secretId, value);
        }
    };

    @Test
    void register_shouldStoreSourceAndIssueSecret_thenRotateKeepingThePrevious() {
        // given
        var dynamo = LocalDynamoDb.client();
        String table = LocalDynamoDb.createTable(dynamo);
        SourceRegistry registry = new DynamoDbSourceRegistry(dynamo, table);
        // when
        String first = run(registry, "register", "--table", table, "--source", "pos-acme", "--alias",
                "SKU-4471=BLU-SHIRT-M", "--unknown-skus", "reject");
        String secret1 = vault.get("inventory-sync/sources/pos-acme");
        String again = run(registry, "register", "--table", table, "--source", "pos-acme");
        String rotated = run(registry, "register", "--table", table, "--source", "pos-acme", "--rotate");
        // then
        assertThat(first).contains("signing secret").contains(secret1);
        assertThat(secret1).startsWith("whsec_");
        assertThat(again).doesNotContain("signing secret");
        assertThat(vault.get("inventory-sync/sources/pos-acme").split(" ")).hasSize(2).startsWith(secret1);
        assertThat(rotated).doesNotContain(secret1);
        assertThat(registry.source("pos-acme")).get().extracting(Source::unknownSkus)
                .isEqualTo(Source.UnknownSkuPolicy.PASS_THROUGH);
    }

    @Test
    void register_shouldIssueOneNewKeyAlone_whenRevokingOthers() {
        // given: a source with two keys (after a rotation), one of them leaked
        var dynamo = LocalDynamoDb.client();
        String table = LocalDynamoDb.createTable(dynamo);
        SourceRegistry registry = new DynamoDbSourceRegistry(dynamo, table);
        run(registry, "register", "--table", table, "--source", "pos-acme");
        run(registry, "register", "--table", table, "--source", "pos-acme", "--rotate");
        String before = vault.get("inventory-sync/sources/pos-acme");
        // when
        String revoked = run(registry, "register", "--table", table, "--source", "pos-acme", "--revoke-others");
        // then: only the new key verifies from now on
        String after = vault.get("inventory-sync/sources/pos-acme");
        assertThat(after.split(" ")).hasSize(1);
        assertThat(before.split(" ")).doesNotContain(after);
        assertThat(revoked).contains("signing secret").contains(after);
    }

    @Test
    void put_shouldCreateOnceWithOneKey_whenTwoCreatesOfANewSourceRace() throws Exception {
        // given: two PUTs of a new source that both read "no such source" before either writes (a
        // barrier between the read and the write, on the real table's conditional write)
        var dynamo = LocalDynamoDb.client();
        String table = LocalDynamoDb.createTable(dynamo);
        SourceRegistry real = new DynamoDbSourceRegistry(dynamo, table);
        CyclicBarrier bothRead = new CyclicBarrier(2);
        SourceRegistry racing = new BothRead(real, bothRead, () -> { });
        SourceAdminService admin = new SourceAdminService(racing, memoryVault, "inventory-sync/sources/");
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            // when
            Future<SourceAdminResult> a = two.submit(() -> admin.put("pos-race", Map.of("locations", List.of("store-1"))));
            Future<SourceAdminResult> b = two.submit(() -> admin.put("pos-race", Map.of("locations", List.of("store-2"))));
            List<SourceAdminResult> answers = List.of(a.get(20, TimeUnit.SECONDS), b.get(20, TimeUnit.SECONDS));

            // then: one 201 with the one key written, one 200 without a key
            assertThat(answers).filteredOn(SourceAdminResult.Created.class::isInstance).hasSize(1);
            assertThat(answers).filteredOn(SourceAdminResult.Replaced.class::isInstance).hasSize(1);
            SourceAdminResult.Created created = (SourceAdminResult.Created) answers.stream()
                    .filter(SourceAdminResult.Created.class::isInstance).findFirst().orElseThrow();
            assertThat(written).containsExactly(created.secret());
            assertThat(vault.get("inventory-sync/sources/pos-race")).isEqualTo(created.secret());
            // and the configuration is the later request's, the replace, as two PUTs in a row would leave it
            SourceAdminResult.Replaced replaced = (SourceAdminResult.Replaced) answers.stream()
                    .filter(SourceAdminResult.Replaced.class::isInstance).findFirst().orElseThrow();
            assertThat(real.source("pos-race")).get().extracting(Source::locations)
                    .isEqualTo(replaced.source().locations());
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void put_shouldKeepARacingReplace_whenTheCreatesKeyCannotBeStoredAndItGivesTheIdBack() throws Exception {
        // given: two PUTs of a new source that both read "no such source"; the loser's replace lands
        // after the winner's claim and before the winner's key write fails (Secrets Manager throttling)
        var dynamo = LocalDynamoDb.client();
        String table = LocalDynamoDb.createTable(dynamo);
        SourceRegistry real = new DynamoDbSourceRegistry(dynamo, table);
        CountDownLatch replaced = new CountDownLatch(1);
        SourceRegistry racing = new BothRead(real, new CyclicBarrier(2), replaced::countDown);
        SecretVault failingAfterTheReplace = new SecretVault() {
            @Override
            public Optional<String> read(String secretId) {
                return Optional.empty();
            }

            @Override
            public void write(String secretId, String value) {
                try {
                    assertThat(replaced.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                throw new io.inventorysync.store.StoreException("secrets vault write failed: ThrottlingException", true, null);
            }
        };
        SourceAdminService admin = new SourceAdminService(racing, failingAfterTheReplace, "inventory-sync/sources/");
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            // when
            Future<SourceAdminResult> a = two.submit(() -> admin.put("pos-race", Map.of("locations", List.of("store-1"))));
            Future<SourceAdminResult> b = two.submit(() -> admin.put("pos-race", Map.of("locations", List.of("store-2"))));
            List<Object> answers = new java.util.ArrayList<>();
            for (Future<SourceAdminResult> f : List.of(a, b)) {
                try {
                    answers.add(f.get(20, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    answers.add(e.getCause());
                }
            }
            // then: the create failed (503), the replace answered 200, and its configuration stays
            assertThat(answers).filteredOn(io.inventorysync.store.StoreException.class::isInstance).hasSize(1);
            SourceAdminResult.Replaced replace = answers.stream().filter(SourceAdminResult.Replaced.class::isInstance)
                    .map(SourceAdminResult.Replaced.class::cast).findFirst().orElseThrow();
            assertThat(real.source("pos-race")).get().extracting(Source::locations)
                    .isEqualTo(replace.source().locations());
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void put_shouldAnswer201WithTheKey_whenTheCreatesWriteCommittedButItsAnswerWasLost() {
        // given: the create's conditional write reaches the table, its answer is dropped (a reset
        // connection), and the store sends it again: the condition now meets the create's own item
        AtomicInteger dropped = new AtomicInteger();
        ExecutionInterceptor dropFirstCreateAnswer = new ExecutionInterceptor() {
            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutItemRequest put && put.conditionExpression() != null
                        && put.conditionExpression().startsWith("attribute_not_exists") && dropped.getAndIncrement() == 0) {
                    throw SdkClientException.create("injected: response lost after the server applied the request",
                            new IOException("connection reset"));
                }
            }
        };
        var dynamo = LocalDynamoDb.clientWithoutSdkRetries(dropFirstCreateAnswer);
        String table = LocalDynamoDb.createTable(LocalDynamoDb.client());
        SourceRegistry registry = new DynamoDbSourceRegistry(dynamo, table);
        SourceAdminService admin = new SourceAdminService(registry, memoryVault, "inventory-sync/sources/");
        // when
        SourceAdminResult answer = admin.put("pos-lost", Map.of("locations", List.of("store-1")));
        // then: the creator's answer, with the one key written; the write was sent twice
        assertThat(dropped).hasValue(2);
        assertThat(answer).isInstanceOfSatisfying(SourceAdminResult.Created.class, created -> {
            assertThat(written).containsExactly(created.secret());
            assertThat(vault.get("inventory-sync/sources/pos-lost")).isEqualTo(created.secret());
        });
        assertThat(registry.source("pos-lost")).get().extracting(Source::locations).isEqualTo(List.of("store-1"));
        // and another create's claim on the id is still refused (a replace, no key)
        assertThat(registry.registerNew(registry.source("pos-lost").orElseThrow(), "another-claim")).isFalse();
    }

    /**
     * A registry whose reads of a source wait until two requests have both read (so both see "no such
     * source" before either writes), on the real table; {@code afterReplace} runs after each replace.
     */
    private static final class BothRead implements SourceRegistry {
        private final SourceRegistry real;
        private final CyclicBarrier bothRead;
        private final Runnable afterReplace;

        BothRead(SourceRegistry real, CyclicBarrier bothRead, Runnable afterReplace) {
            this.real = real;
            this.bothRead = bothRead;
            this.afterReplace = afterReplace;
        }

        @Override
        public Optional<Source> source(String sourceId) {
            Optional<Source> read = real.source(sourceId);
            try {
                bothRead.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return read;
        }

        @Override
        public List<Source> storefronts() {
            return real.storefronts();
        }

        @Override
        public void register(Source source) {
            real.register(source);
            afterReplace.run();
        }

        @Override
        public boolean registerNew(Source source, String claim) {
            return real.registerNew(source, claim);
        }

        @Override
        public boolean releaseNew(Source source, String claim) {
            return real.releaseNew(source, claim);
        }
    }

    @Test
    void parse_shouldRefuseBadArguments() {
        assertThatThrownBy(() -> SourceAdmin.parse(new String[] {"register", "--table", "t", "--source", "POS"}))
                .hasMessageContaining("--source");
        assertThatThrownBy(() -> SourceAdmin.parse(new String[] {"register", "--table", "t", "--source", "p",
                "--alias", "nope"})).hasMessageContaining("--alias");
        assertThatThrownBy(() -> SourceAdmin.parse(new String[] {"delete"})).hasMessageContaining("register");
    }

    @Test
    void parse_shouldNameTheSecretUnderTheStagesPrefix_whenTheStackOutputIsGiven() {
        String[] args = {"register", "--table", "t", "--source", "pos-acme"};
        assertThat(SourceAdmin.parse(args, Map.of("SOURCE_SECRET_PREFIX", "inventory-sync/prod/sources/")).secretId())
                .isEqualTo("inventory-sync/prod/sources/pos-acme");
        assertThat(SourceAdmin.parse(new String[] {"register", "--table", "t", "--source", "pos-acme",
                "--secret-prefix", "inventory-sync/dev/sources/"}, Map.of()).secretId())
                .isEqualTo("inventory-sync/dev/sources/pos-acme");
        assertThat(SourceAdmin.parse(args, Map.of()).secretId()).isEqualTo("inventory-sync/sources/pos-acme");
    }

    private String run(SourceRegistry registry, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SourceAdmin.run(SourceAdmin.parse(args), registry, memoryVault, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
