package io.inventorysync.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import com.tngtech.archunit.core.domain.JavaClass;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The house rules of STYLE.md as ArchUnit rules, shared by every module's {@code ArchitectureTest}
 * so that each checks the production classes it can see (its own and those it depends on).
 */
public final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /** The production classes of the project on this module's class path (tests excluded). */
    public static JavaClasses productionClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // In a reactor build a module's test classes arrive as another module's test-jar.
                .withImportOption(location -> !location.matches(Pattern.compile(".*-tests\\.jar.*")))
                .importPackages("io.inventorysync");
    }

    /** House rule 1: the domain is pure Java: records and rules, no AWS, Jackson or adapter class. */
    public static final ArchRule DOMAIN_IS_PURE = classes()
            .that().resideInAPackage("io.inventorysync.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.inventorysync.domain..")
            .because("the domain decides what a movement or a hold does to a record; adapters sit around it");

    /** The store's internals (item beans, update expressions, transactions) are reached only through its ports. */
    public static final ArchRule STORE_INTERNALS_STAY_INSIDE = noClasses()
            .that().resideOutsideOfPackages("io.inventorysync.store..")
            .should().dependOnClassesThat().resideInAPackage("io.inventorysync.store.internal..")
            .because("code outside the store uses its ports, StreamImages and ItemType, never its stored beans");

    /**
     * House rule 2: a handler parses, calls one service and maps the result. It reaches neither the
     * store nor the domain itself (its container, a nested class, builds the store once).
     */
    public static final ArchRule HANDLERS_DEPEND_ON_SERVICES_ONLY = noClasses()
            .that().resideInAPackage("io.inventorysync.functions").and().haveSimpleNameEndingWith("Function")
            .and().areTopLevelClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.inventorysync.store..", "io.inventorysync.domain..")
            .because("business rules live in services and the domain, persistence behind the store's ports");

    /**
     * Issue 16: no production class reads through the enhanced DynamoDB client. Its {@code Key}'s builder
     * builds {@code DefaultAttributeConverterProvider} in its class initializer (about 100 classes, tens
     * of ms at a container's first read) and its tables and queries go through {@code Key}s; the stores
     * read by key with {@code store.internal.KeyedReads} instead. Only the public {@code TableSchema}
     * family stays (the item schemas).
     */
    public static final ArchRule NO_ENHANCED_CLIENT_READS = noClasses()
            .that().resideInAPackage("io.inventorysync..")
            .should().dependOnClassesThat().belongToAnyOf(
                    software.amazon.awssdk.enhanced.dynamodb.Key.class,
                    software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient.class,
                    software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable.class,
                    software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex.class,
                    software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient.class,
                    software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable.class,
                    software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncIndex.class,
                    software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional.class,
                    software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch.class)
            .because("the enhanced client's Key builds its default converter provider at the first read (README, issue 16, sixth round)");

    /** Services return results; only the handlers' mappers speak HTTP (status codes, problem+json). */
    public static final ArchRule SERVICES_RETURN_RESULTS_NOT_HTTP = noClasses()
            .that().resideInAnyPackage("io.inventorysync.auth..", "io.inventorysync.ingest..",
                    "io.inventorysync.movements..", "io.inventorysync.processor..", "io.inventorysync.query..",
                    "io.inventorysync.reservations..", "io.inventorysync.outbox..", "io.inventorysync.adapters..",
                    "io.inventorysync.connector..")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.inventorysync.http.HttpReply")
            .because("one mapping per route family turns results into HTTP answers");

    /**
     * Bootstrap classes whose first use in a fresh JVM costs tens of ms on a function's first event
     * and that production code must not name (README, issue 16, "Eighth round"):
     * {@code StringConcatFactory} (string concatenation compiled as invokedynamic; the parent pom
     * compiles every module with {@code -XDstringConcat=inline}), and the two forms javac gives a switch
     * on an enum with {@code case null}: {@code ConstantBootstraps} for its enum labels (javac 23 and
     * later) or {@code SwitchBootstraps.enumSwitch} (javac 21 and 22; the build accepts any JDK from 21).
     * Type switches ({@code typeSwitch}) stay allowed: about 1 ms a site after the first.
     */
    public static final List<String> FIRST_USE_BOOTSTRAPS = List.of(
            "java/lang/invoke/StringConcatFactory", "java/lang/invoke/ConstantBootstraps", "enumSwitch");

    /**
     * The classes among {@code classes} whose class file names one of {@link #FIRST_USE_BOOTSTRAPS},
     * each as {@code name: bootstrap} (read from the class file's constant pool, where every class
     * an instruction or bootstrap method refers to is named in UTF-8).
     */
    public static List<String> classesNamingFirstUseBootstraps(JavaClasses classes) {
        TreeSet<String> found = new TreeSet<>();
        for (JavaClass c : classes) {
            var source = c.getSource().orElseThrow(() -> new IllegalStateException("no class file for " + c.getName()));
            String text;
            try (InputStream in = source.getUri().toURL().openStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String bootstrap : FIRST_USE_BOOTSTRAPS) {
                if (text.contains(bootstrap)) {
                    found.add(c.getName() + ": " + bootstrap);
                }
            }
        }
        return List.copyOf(found);
    }
}
