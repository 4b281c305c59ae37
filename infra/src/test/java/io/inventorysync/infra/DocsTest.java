package io.inventorysync.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the README promises about the build and the deployment is what the repository does. */
class DocsTest {
    private static String readme;

    @BeforeAll
    static void read() throws Exception {
        readme = Files.readString(Stacks.repositoryDir().resolve("README.md"));
    }

    @Test
    void ci_shouldRunTheReadmesTestCommandExactlyAsWritten() throws Exception {
        // given: the first command under "Run the tests"
        String section = readme.substring(readme.indexOf("\n## Run the tests"));
        String block = section.substring(section.indexOf("```\n") + 4);
        String command = block.substring(0, block.indexOf("\n"));
        // when
        List<String> ci = Files.readAllLines(Stacks.repositoryDir().resolve(".ci/run")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        // then: the same line, and nothing that changes the JDK or the environment before it
        assertThat(command).isEqualTo("mvn -B -ntp verify");
        assertThat(ci).last().isEqualTo(command);
        assertThat(ci).noneMatch(line -> line.contains("export") || line.contains("select-jdk")
                || line.contains("JAVA_HOME"));
    }

    @Test
    void readme_shouldNameEveryAlarmAsItSynthesizes() {
        InventorySyncStack stack = Stacks.stack(Stacks.Variant.PROD);
        List<String> channels = stack.monitoring().alarmNames().stream().filter(n -> n.endsWith("DeadLettersNotEmpty")
                && !n.startsWith("Movements")).toList();
        assertThat(channels).isNotEmpty();
        // with -c webhookFunctionUrl=true too: the URL's own alarms
        List<String> names = new java.util.ArrayList<>(stack.monitoring().alarmNames());
        names.addAll(Stacks.stack(Stacks.Variant.PROD_WITH_WEBHOOK_URL).monitoring().alarmNames());
        assertThat(names).contains("WebhookUrl5xx", "WebhookUrlLatency");
        for (String name : names) {
            String documented = "InventorySync-<stage>-" + name.replaceFirst(
                    "^(web-storefront|analytics)-", "<channel>-");
            assertThat(readme).as("README names alarm " + name).contains("`" + documented + "`");
        }
        assertThat(readme).contains("`InventorySync-prod-web-storefront-DeadLettersNotEmpty`");
    }

    @Test
    void readme_shouldGiveTheSweepersRealTimeoutAndNode22() {
        assertThat(readme).contains(InventorySyncStack.SWEEPER_TIMEOUT.toSeconds() + " s timeout")
                .contains("Node.js 22").doesNotContain("up to 15 minutes");
    }
}
