package io.inventorysync.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NIST80053R5Checks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.inventorysync.channels.ChannelsConfig;
import io.inventorysync.store.InventoryTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table's capacity as deployed, on the synthesized template of a small stack holding only the
 * database construct (the full stack's synthesis is ten seconds; capacity changes nothing else):
 * provisioned throughput and auto scaling on the table and on every index, read and write; on
 * demand by default and always for LocalStack; and cdk-nag's DynamoDB rules (AWS Solutions, and
 * NIST 800-53 R5's auto scaling and PITR rules) satisfied by the provisioned table.
 */
class InventoryDatabaseTest {
    /** Not the defaults, and read and write apart, so a swapped or defaulted value shows. */
    private static final TableCapacity PROVISIONED = new TableCapacity(TableCapacity.Mode.PROVISIONED, 65,
            new TableCapacity.Bounds(2, 300), new TableCapacity.Bounds(3, 400));
    private static final int INDEXES = InventoryTable.globalSecondaryIndexes().size();

    private static Stack provisioned;
    private static Template provisionedTemplate;
    private static Template onDemandTemplate;
    private static Template localStackTemplate;

    /** The three variants are three stacks of one app: one synthesis (the app caches it) for them all. */
    @BeforeAll
    static void synthesizeOnce() {
        App app = new App();
        provisioned = stack(app, "Provisioned", PROVISIONED, false);
        Stack onDemand = stack(app, "OnDemand", TableCapacity.ON_DEMAND, false);
        Stack localStack = stack(app, "LocalStack", PROVISIONED, true);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        Aspects.of(app).add(new NIST80053R5Checks(NagPackProps.builder().verbose(true).build()));
        provisionedTemplate = Template.fromStack(provisioned);
        onDemandTemplate = Template.fromStack(onDemand);
        localStackTemplate = Template.fromStack(localStack);
    }

    @Test
    void provisioned_shouldProvisionTheMinimumOnTheTableAndOnEveryIndex() {
        Map<String, Object> table = onlyTable(provisionedTemplate);
        assertThat(table.get("BillingMode")).as("CloudFormation's default is PROVISIONED").isIn(null, "PROVISIONED");
        assertThat(table.get("ProvisionedThroughput")).isEqualTo(Map.of("ReadCapacityUnits", 2, "WriteCapacityUnits", 3));
        List<Map<String, Object>> indexes = indexes(table);
        assertThat(indexes).hasSize(INDEXES);
        for (Map<String, Object> index : indexes) {
            assertThat(index.get("ProvisionedThroughput")).as(index.get("IndexName").toString())
                    .isEqualTo(Map.of("ReadCapacityUnits", 2, "WriteCapacityUnits", 3));
        }
        // What on demand already had is kept.
        assertThat(table).containsKeys("StreamSpecification", "PointInTimeRecoverySpecification", "TimeToLiveSpecification");
    }

    @Test
    void provisioned_shouldScaleReadAndWriteOfTheTableAndEachIndex_onceEach_withinTheBounds() {
        Map<String, Map<String, Object>> targets = resources(provisionedTemplate, "AWS::ApplicationAutoScaling::ScalableTarget");
        assertThat(targets).hasSize(2 * (1 + INDEXES));
        Set<String> scaled = new HashSet<>();
        for (Map<String, Object> target : targets.values()) {
            Map<String, Object> p = properties(target);
            assertThat(p.get("ServiceNamespace")).isEqualTo("dynamodb");
            String dimension = (String) p.get("ScalableDimension");
            String resource = String.valueOf(p.get("ResourceId"));
            String index = InventoryTable.globalSecondaryIndexes().stream().map(i -> i.indexName())
                    .filter(name -> resource.contains("/index/" + name)).findFirst().orElse(null);
            assertThat(dimension).isEqualTo("dynamodb:" + (index == null ? "table" : "index") + ":"
                    + (dimension.endsWith("ReadCapacityUnits") ? "Read" : "Write") + "CapacityUnits");
            boolean read = dimension.endsWith("ReadCapacityUnits");
            assertThat(List.of(p.get("MinCapacity"), p.get("MaxCapacity"))).as(dimension + " " + resource)
                    .isEqualTo(read ? List.of(2, 300) : List.of(3, 400));
            assertThat(scaled.add(dimension + " " + (index == null ? "table" : index))).as("scaled twice: " + dimension + " " + index).isTrue();
        }
        assertThat(scaled).hasSize(2 * (1 + INDEXES));
    }

    @Test
    void provisioned_shouldTrackTheTargetUtilisation_readOnReadsAndWriteOnWrites() {
        Map<String, Map<String, Object>> policies = resources(provisionedTemplate, "AWS::ApplicationAutoScaling::ScalingPolicy");
        assertThat(policies).hasSize(2 * (1 + INDEXES));
        Map<String, Map<String, Object>> targets = resources(provisionedTemplate, "AWS::ApplicationAutoScaling::ScalableTarget");
        int reads = 0;
        for (Map<String, Object> policy : policies.values()) {
            Map<String, Object> p = properties(policy);
            assertThat(p.get("PolicyType")).isEqualTo("TargetTrackingScaling");
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) p.get("TargetTrackingScalingPolicyConfiguration");
            assertThat(((Number) config.get("TargetValue")).doubleValue()).isEqualTo(65.0);
            String metric = String.valueOf(config.get("PredefinedMetricSpecification"));
            // The policy's target is the scalable target it refers to: same kind (read or write).
            String targetId = String.valueOf(((Map<?, ?>) p.get("ScalingTargetId")).get("Ref"));
            String dimension = (String) properties(targets.get(targetId)).get("ScalableDimension");
            boolean read = dimension.endsWith("ReadCapacityUnits");
            reads += read ? 1 : 0;
            assertThat(metric).contains(read ? "DynamoDBReadCapacityUtilization" : "DynamoDBWriteCapacityUtilization");
        }
        assertThat(reads).isEqualTo(1 + INDEXES);
    }

    @Test
    void onDemand_shouldHaveNoThroughputAndNoScaling_asBeforeTheSetting() {
        Map<String, Object> table = onlyTable(onDemandTemplate);
        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(table).doesNotContainKey("ProvisionedThroughput");
        indexes(table).forEach(index -> assertThat(index).doesNotContainKey("ProvisionedThroughput"));
        assertThat(indexes(table)).hasSize(INDEXES);
        onDemandTemplate.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 0);
        onDemandTemplate.resourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", 0);
    }

    @Test
    void localStack_shouldStayOnDemand_evenWhenTheSettingSaysProvisioned() {
        assertThat(onlyTable(localStackTemplate).get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        localStackTemplate.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 0);
    }

    @Test
    @SuppressWarnings("deprecation")
    void provisioned_shouldSatisfyCdkNag_awsSolutionsAndTheNistAutoScalingAndPitrRules() {
        Annotations annotations = Annotations.fromStack(provisioned);
        List<String> findings = new ArrayList<>();
        for (SynthesisMessage m : concat(annotations.findError("*", Match.anyValue()), annotations.findWarning("*", Match.anyValue()))) {
            String text = String.valueOf(m.getEntry().getData());
            findings.add(text.lines().findFirst().orElse(""));
        }
        // The app applies AWS Solutions: nothing at all from it here. NIST is applied in this test only,
        // for its DynamoDB rules: auto scaling on every index, and PITR. (Its "in a backup plan" rule is
        // not ours: PITR is the table's backup; README, "Deploy checklist".)
        assertThat(findings).as("AWS Solutions findings").noneMatch(f -> f.startsWith("AwsSolutions-"));
        assertThat(findings).noneMatch(f -> f.contains("DynamoDBAutoScalingEnabled"));
        assertThat(findings).noneMatch(f -> f.contains("DynamoDBPITREnabled"));
        // The NIST pack did run on the table (else the two lines above prove nothing).
        assertThat(findings).anyMatch(f -> f.contains("DynamoDBInBackupPlan"));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Stack stack(App app, String id, TableCapacity capacity, boolean localstack) {
        Stack stack = new Stack(app, id);
        StackSettings settings = new StackSettings(StackSettings.Stage.PROD, Path.of(System.getProperty("functions.jar")),
                ChannelsConfig.load(Stacks.infraDir().resolve(Stacks.SHIPPED_CHANNELS)), localstack, capacity);
        new InventoryDatabase(stack, "Inventory", settings);
        return stack;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> resources(Template template, String type) {
        return (Map<String, Map<String, Object>>) (Map<String, ?>) template.findResources(type);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    private static Map<String, Object> onlyTable(Template template) {
        Map<String, Map<String, Object>> tables = resources(template, "AWS::DynamoDB::Table");
        assertThat(tables).hasSize(1);
        return properties(tables.values().iterator().next());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> indexes(Map<String, Object> table) {
        return (List<Map<String, Object>>) table.get("GlobalSecondaryIndexes");
    }
}
