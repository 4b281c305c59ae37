package io.inventorysync.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The app reads every setting but the stage from files in the repository, so a second deploy
 * with no flags deploys the same resources: no per-source state lives on a command line.
 */
class AppSettingsTest {

    @Test
    void settings_shouldComeFromCdkJsonAlone_whenNoFlagIsGiven() throws Exception {
        // given: the context the CDK CLI passes from infra/cdk.json, and no -c flag
        Map<String, Object> context = cdkJsonContext();
        // when
        StackSettings first = InventorySyncApp.settings(app(context));
        StackSettings second = InventorySyncApp.settings(app(context));
        // then
        assertThat(first.stage()).isEqualTo(StackSettings.Stage.DEV);
        assertThat(second).usingRecursiveComparison().isEqualTo(first);
        assertThat(first.sourceSecretsPrefix()).isEqualTo("inventory-sync/dev/sources/");
        assertThat(first.tableCapacity()).isEqualTo(TableCapacity.ON_DEMAND);
    }

    @Test
    void tableCapacity_shouldBeOneContextChange_andTheBoundsFromTheCommandLineToo() throws Exception {
        // given: -c tableCapacity=provisioned -c tableCapacity.writeMax=500 (the CLI passes strings)
        Map<String, Object> context = cdkJsonContext();
        context.put("tableCapacity", "provisioned");
        context.put("tableCapacity.writeMax", "500");
        // when
        StackSettings settings = InventorySyncApp.settings(app(context));
        // then
        assertThat(settings.tableCapacity()).isEqualTo(new TableCapacity(TableCapacity.Mode.PROVISIONED, 70,
                new TableCapacity.Bounds(1, 1000), new TableCapacity.Bounds(1, 500)));
        assertThat(settings.deployedTableCapacity()).isEqualTo(settings.tableCapacity());
    }

    @Test
    void tableCapacity_shouldStopTheSynth_whenItCannotBeHonoured() throws Exception {
        Map<String, Object> context = cdkJsonContext();
        context.put("tableCapacity", "provisioned");
        context.put("tableCapacity.readMin", "20");
        context.put("tableCapacity.readMax", "10");
        assertThatThrownBy(() -> InventorySyncApp.settings(app(context)))
                .hasMessage("tableCapacity.readMin (20) must not be above tableCapacity.readMax (10)");
    }

    @Test
    void settings_shouldRefuseStorefronts_whichSourceConfigurationsReplaced() throws Exception {
        Map<String, Object> context = cdkJsonContext();
        assertThat(context).doesNotContainKey("storefronts");
        context.put("storefronts", List.of("shop-web"));
        assertThatThrownBy(() -> InventorySyncApp.settings(app(context))).hasMessageContaining("canReserve");
    }

    @Test
    void settings_shouldRefuseSourcesContext_whichNoLongerCreatesAnything() throws Exception {
        Map<String, Object> context = cdkJsonContext();
        context.put("sources", "pos-acme");
        assertThatThrownBy(() -> InventorySyncApp.settings(app(context))).hasMessageContaining("SourceAdmin");
    }

    @Test
    void stages_shouldNeverShareASecretName() {
        StackSettings dev = settings(StackSettings.Stage.DEV);
        StackSettings prod = settings(StackSettings.Stage.PROD);
        assertThat(dev.sourceSecretsPrefix()).doesNotStartWith(prod.sourceSecretsPrefix());
        assertThat(prod.sourceSecretsPrefix()).doesNotStartWith(dev.sourceSecretsPrefix());
        assertThat(dev.stackName()).isNotEqualTo(prod.stackName());
    }

    private static StackSettings settings(StackSettings.Stage stage) {
        return new StackSettings(stage, java.nio.file.Path.of(System.getProperty("functions.jar")),
                io.inventorysync.channels.ChannelsConfig.load(Stacks.infraDir().resolve(Stacks.SHIPPED_CHANNELS)),
                false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cdkJsonContext() throws Exception {
        Map<String, Object> cdkJson = new ObjectMapper().readValue(
                Files.readString(Stacks.infraDir().resolve("cdk.json")), Map.class);
        Map<String, Object> context = new HashMap<>((Map<String, Object>) cdkJson.get("context"));
        // Paths in cdk.json are relative to infra/, where the CLI runs the app.
        context.put("functionsJar", System.getProperty("functions.jar"));
        context.put("channelsFile", Stacks.infraDir().resolve((String) context.get("channelsFile")).toString());
        return context;
    }

    private static App app(Map<String, Object> context) {
        return new App(AppProps.builder().context(context).build());
    }
}
