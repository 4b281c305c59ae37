package io.inventorysync.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code -c webhookFunctionUrl=true}: a function URL on the webhook's live alias, open (the function
 * verifies every signature), buffered, no CORS, its URL an output, alarms of its own; the HTTP API
 * keeps every route; nothing else gains a right. Without the setting none of it is there.
 */
class WebhookFunctionUrlStackTest {
    private static Template withUrl;
    private static Template asShipped;
    private static String webhookFunction;

    @BeforeAll
    static void synthesizeOnce() {
        withUrl = Stacks.template(Stacks.Variant.PROD_WITH_WEBHOOK_URL);
        asShipped = Stacks.template(Stacks.Variant.PROD);
        webhookFunction = withUrl.findResources("AWS::Lambda::Function", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("Handler", "io.inventorysync.functions.WebhookFunction::handleRequest")))))
                .keySet().iterator().next();
    }

    @Test
    void url_shouldBeOnTheWebhooksLiveAlias_openBufferedWithoutCors() {
        withUrl.resourceCountIs("AWS::Lambda::Url", 1);
        Capture target = new Capture();
        withUrl.hasResourceProperties("AWS::Lambda::Url", Match.objectEquals(Map.of(
                "AuthType", "NONE",
                "InvokeMode", "BUFFERED",
                "TargetFunctionArn", Map.of("Fn::GetAtt", List.of(webhookFunction, "Arn")),
                "Qualifier", target)));
        // the qualifier is the live alias (the SnapStart version), never $LATEST, and the URL waits for it
        assertThat(target.asString()).isEqualTo("live");
        Map<String, Object> url = withUrl.findResources("AWS::Lambda::Url").values().iterator().next();
        assertThat(url.get("DependsOn")).asString().contains(aliasOf(webhookFunction));
    }

    @Test
    void resourcePolicy_shouldLetAnyoneInvokeOnlyThroughTheOpenUrl_andNothingElseGainsARight() {
        Map<String, Map<String, Object>> added = permissionsOnlyIn(withUrl, asShipped);
        assertThat(added).hasSize(2);
        String alias = aliasOf(webhookFunction);
        assertThat(added.values()).allSatisfy(p -> {
            Map<?, ?> props = (Map<?, ?>) p.get("Properties");
            assertThat(props.get("Principal")).isEqualTo("*");
            assertThat(props.get("FunctionName")).isEqualTo(Map.of("Ref", alias));
        });
        assertThat(added.values()).anySatisfy(p -> assertThat(properties(p))
                .containsEntry("Action", "lambda:InvokeFunctionUrl").containsEntry("FunctionUrlAuthType", "NONE"));
        assertThat(added.values()).anySatisfy(p -> assertThat(properties(p))
                .containsEntry("Action", "lambda:InvokeFunction").containsEntry("InvokedViaFunctionUrl", true));
        // no role, policy or other resource than the URL, its permissions, its alarms and its output
        assertThat(withUrl.findResources("AWS::IAM::Policy")).isEqualTo(asShipped.findResources("AWS::IAM::Policy"));
        assertThat(withUrl.findResources("AWS::IAM::Role")).isEqualTo(asShipped.findResources("AWS::IAM::Role"));
    }

    @Test
    void httpApi_shouldKeepEveryRoute_theWebhookOnesIncluded() {
        assertThat(withUrl.findResources("AWS::ApiGatewayV2::Route"))
                .isEqualTo(asShipped.findResources("AWS::ApiGatewayV2::Route"));
        for (String route : List.of("POST /v1/sources/{sourceId}/events", "GET /v1/sources/{sourceId}/events/{eventId}")) {
            withUrl.hasResourceProperties("AWS::ApiGatewayV2::Route", Match.objectLike(Map.of("RouteKey", route)));
        }
    }

    @Test
    void output_shouldGiveTheUrl() {
        withUrl.hasOutput("WebhookFunctionUrl", Match.objectLike(Map.of("Value",
                Map.of("Fn::GetAtt", List.of(urlId(), "FunctionUrl")))));
    }

    @Test
    void alarms_shouldWatchTheUrlsErrorsAndLatency_onTheAliasUrl() {
        withUrl.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", Match.stringLikeRegexp(".*-WebhookUrl5xx$"),
                "MetricName", "Url5xxCount", "Namespace", "AWS/Lambda", "Statistic", "Sum", "Threshold", 5,
                "Dimensions", Match.arrayWith(List.of(Match.objectLike(Map.of("Name", "Resource")))),
                "AlarmActions", Match.anyValue())));
        withUrl.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", Match.stringLikeRegexp(".*-WebhookUrlLatency$"),
                "MetricName", "UrlRequestLatency", "ExtendedStatistic", "p99",
                "Threshold", Monitoring.URL_LATENCY_P99_MS, "EvaluationPeriods", Monitoring.URL_LATENCY_PERIODS)));
        // both alarms on the URL's own metrics: FunctionName the webhook, Resource function:live (the URL's qualifier)
        for (String metric : List.of("Url5xxCount", "UrlRequestLatency")) {
            withUrl.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "MetricName", metric,
                    "Dimensions", Match.arrayWith(List.of(Match.objectEquals(Map.of(
                            "Name", "FunctionName", "Value", Map.of("Ref", webhookFunction))))))));
            withUrl.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "MetricName", metric,
                    "Dimensions", Match.arrayWith(List.of(Match.objectEquals(Map.of(
                            "Name", "Resource", "Value", Map.of("Fn::Join", List.of("",
                                    List.of(Map.of("Ref", webhookFunction), ":live"))))))))));
        }
    }

    @Test
    void throttle_shouldNotBeCalledA5xx_inTheUrlAlarm() {
        Map<String, Map<String, Object>> alarms = withUrl.findResources("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("MetricName", "Url5xxCount")))));
        String description = (String) properties(alarms.values().iterator().next()).get("AlarmDescription");
        assertThat(description).contains("A throttle is a 429 (Url4xxCount").doesNotContain("timeouts, throttles");
    }

    @Test
    void asShipped_shouldHaveNoUrlNoOutputNoUrlAlarm() {
        asShipped.resourceCountIs("AWS::Lambda::Url", 0);
        assertThat(asShipped.findOutputs("WebhookFunctionUrl")).isEmpty();
        assertThat(asShipped.findResources("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("Namespace", "AWS/Lambda", "MetricName", Match.stringLikeRegexp("^Url.*")))))))
                .isEmpty();
        assertThat(asShipped.findResources("AWS::Lambda::Permission", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("Principal", "*")))))).isEmpty();
    }

    @Test
    void localstack_shouldSynthesizeTheUrlToo() {
        Template local = Stacks.template(Stacks.Variant.LOCALSTACK_WITH_WEBHOOK_URL);
        local.resourceCountIs("AWS::Lambda::Url", 1);
        local.hasResourceProperties("AWS::Lambda::Url", Match.objectLike(Map.of("AuthType", "NONE")));
        assertThat(local.findOutputs("WebhookFunctionUrl")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", ""})
    void setting_shouldFailTheSynth_whenNotTrueOrFalse(String value) {
        assertThatThrownBy(() -> WebhookFunctionUrl.from(Map.of("webhookFunctionUrl", value)::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("webhookFunctionUrl must be true or false");
    }

    @Test
    void setting_shouldReadStringsFromTheCommandLineAndBooleansFromCdkJson_offByDefault() {
        assertThat(WebhookFunctionUrl.from(Map.<String, Object>of()::get)).isEqualTo(WebhookFunctionUrl.OFF);
        assertThat(WebhookFunctionUrl.from(Map.of("webhookFunctionUrl", "true")::get).enabled()).isTrue();
        assertThat(WebhookFunctionUrl.from(Map.of("webhookFunctionUrl", " TRUE ")::get).enabled()).isTrue();
        assertThat(WebhookFunctionUrl.from(Map.<String, Object>of("webhookFunctionUrl", Boolean.TRUE)::get).enabled())
                .isTrue();
        assertThat(WebhookFunctionUrl.from(Map.of("webhookFunctionUrl", "false")::get).enabled()).isFalse();
    }

    @Test
    void reservedConcurrency_shouldBe50_whenTheUrlIsOnAndTheKeyIsNotSet() {
        assertThat(WebhookFunctionUrl.from(Map.of("webhookFunctionUrl", "true")::get))
                .isEqualTo(new WebhookFunctionUrl(true, 50));
        withUrl.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.inventorysync.functions.WebhookFunction::handleRequest",
                "ReservedConcurrentExecutions", 50)));
    }

    @Test
    void reservedConcurrency_shouldCapOnlyTheWebhook_whenTheUrlIsOn() {
        Map<String, Map<String, Object>> reserved = withUrl.findResources("AWS::Lambda::Function", Match.objectLike(
                Map.of("Properties", Match.objectLike(Map.of("ReservedConcurrentExecutions", Match.anyValue())))));
        Map<String, Map<String, Object>> reservedAsShipped = asShipped.findResources("AWS::Lambda::Function",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("ReservedConcurrentExecutions",
                        Match.anyValue())))));
        Map<String, Map<String, Object>> added = new java.util.LinkedHashMap<>(reserved);
        added.keySet().removeAll(reservedAsShipped.keySet());
        assertThat(added.keySet()).containsExactly(webhookFunction);
    }

    @Test
    void reservedConcurrency_shouldBeTheSetValue_whenSet() {
        Template set = Template.fromStack(Stacks.synthesize(StackSettings.Stage.DEV, false, Stacks.SHIPPED_CHANNELS,
                WebhookFunctionUrl.from(Map.of("webhookFunctionUrl", "true",
                        "webhookFunctionUrl.reservedConcurrency", "120")::get)));
        set.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.inventorysync.functions.WebhookFunction::handleRequest",
                "ReservedConcurrentExecutions", 120)));
        set.resourceCountIs("AWS::Lambda::Url", 1);
    }

    @Test
    void reservedConcurrency_shouldBeAbsent_whenSetTo0() {
        WebhookFunctionUrl uncapped = WebhookFunctionUrl.from(Map.<String, Object>of("webhookFunctionUrl", true,
                "webhookFunctionUrl.reservedConcurrency", 0)::get);
        assertThat(uncapped).isEqualTo(new WebhookFunctionUrl(true, 0));
        Template noCap = Template.fromStack(Stacks.synthesize(StackSettings.Stage.DEV, false, Stacks.SHIPPED_CHANNELS,
                uncapped));
        noCap.resourceCountIs("AWS::Lambda::Url", 1);
        assertThat(noCap.findResources("AWS::Lambda::Function", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("Handler", "io.inventorysync.functions.WebhookFunction::handleRequest",
                        "ReservedConcurrentExecutions", Match.anyValue())))))).isEmpty();
    }

    @Test
    void reservedConcurrency_shouldBeAbsent_whenTheUrlIsOff() {
        assertThat(asShipped.findResources("AWS::Lambda::Function", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("Handler", "io.inventorysync.functions.WebhookFunction::handleRequest",
                        "ReservedConcurrentExecutions", Match.anyValue())))))).isEmpty();
        // a key left in cdk.json while the URL is off is neither read nor checked
        assertThat(WebhookFunctionUrl.from(Map.of("webhookFunctionUrl", "false",
                "webhookFunctionUrl.reservedConcurrency", "lots")::get)).isEqualTo(WebhookFunctionUrl.OFF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-50", "12.5", "fifty", "", "1e2"})
    void reservedConcurrency_shouldFailTheSynthNamingTheKey_whenNegativeOrNotAWholeNumber(String value) {
        assertThatThrownBy(() -> WebhookFunctionUrl.from(Map.of("webhookFunctionUrl", "true",
                "webhookFunctionUrl.reservedConcurrency", value)::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("webhookFunctionUrl.reservedConcurrency must be ")
                .hasMessageEndingWith(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    private static String urlId() {
        return withUrl.findResources("AWS::Lambda::Url").keySet().iterator().next();
    }

    private static String aliasOf(String function) {
        return withUrl.findResources("AWS::Lambda::Alias", Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                "FunctionName", Map.of("Ref", function)))))).keySet().iterator().next();
    }

    private static Map<String, Map<String, Object>> permissionsOnlyIn(Template template, Template without) {
        Map<String, Map<String, Object>> all = new java.util.LinkedHashMap<>(template.findResources("AWS::Lambda::Permission"));
        all.keySet().removeAll(without.findResources("AWS::Lambda::Permission").keySet());
        return all;
    }
}
