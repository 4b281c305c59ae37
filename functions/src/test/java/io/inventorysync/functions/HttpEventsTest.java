package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the webhook's routing reads a path through either front door, with no engine: percent-decoding
 * of one segment ({@link HttpEvents#percentDecoded}), a raw path against a template
 * ({@link HttpEvents.Route#match}) and an event against the webhook's routes ({@link HttpEvents#route}).
 */
class HttpEventsTest {
    private static final HttpEvents.Route STATUS = WebhookFunction.EVENT_STATUS;
    private static final HttpEvents.Route POST = WebhookFunction.POST_EVENTS;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "pos-order%2F889 | pos-order/889",
            "pos-order%2f889 | pos-order/889",
            "a+b             | a+b",
            "a%2Bb           | a+b",
            "a%20b           | a b",
            "100%25          | 100%",
            "%2525           | %25",
            "till-%C3%A9     | till-é",
            "plain           | plain",
            "\"\"            | \"\""})
    void percentDecoded_shouldDecodeEachEscapeOnce_whenWellFormed(String segment, String decoded) {
        assertThat(HttpEvents.percentDecoded(segment)).contains(decoded);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "abc%",        // % at the end
            "abc%2",       // one digit at the end
            "%G1",         // not a hex digit
            "%1G",
            "%-1",
            "%+1",
            "%２Ｆ",        // full-width digits: Character.digit reads them as 2 and F
            "%\uFF12F",    // one full-width digit
            "%\u0662F",    // Arabic-Indic two
            "%\u0967\u0967", // Devanagari ones
            "%C3%28",      // not UTF-8: a lead byte then an ASCII byte
            "%FF",         // never UTF-8
            "%C3"})        // a sequence cut short
    void percentDecoded_shouldBeEmpty_whenAnEscapeIsMalformedOrTheBytesAreNotUtf8(String segment) {
        assertThat(HttpEvents.percentDecoded(segment)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/v1/sources/pos-acme/events/pos-order%2F889+1       | pos-order/889+1",
            "/v1/sources/pos-acme/events/pos-order%2f889%2B1     | pos-order/889+1",
            "/v1/sources/pos-acme/events/a%20b                   | a b",
            "/v1/sources/pos-acme/events/%2E%2E%2E               | ...",
            "/v1/sources/pos-acme/events/.x                      | .x",
            "/v1/sources/pos-acme/%65vents/e-1                   | e-1",
            "/%76%31/sources/pos-acme/events/e-1                 | e-1"})
    void match_shouldGiveTheDecodedParameters_whenThePathIsTheTemplates(String rawPath, String eventId) {
        assertThat(STATUS.match(rawPath)).contains(Map.of("sourceId", "pos-acme", "eventId", eventId));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/v1/sources/pos-acme/events/.",
            "/v1/sources/pos-acme/events/..",
            "/v1/sources/pos-acme/events/%2E",
            "/v1/sources/pos-acme/events/%2e%2E",
            "/v1/sources/pos-acme/events/",          // empty parameter (a trailing slash)
            "/v1/sources//events/e-1",               // empty source id
            "/v1/sources/pos-acme/events/e-1/",      // trailing slash
            "/v1//sources/pos-acme/events/e-1",      // double slash
            "//v1/sources/pos-acme/events/e-1",
            "/v1/sources/pos-acme/events/e-1//",
            "v1/sources/pos-acme/events/e-1",        // no leading slash
            "/v1/sources/pos-acme/events/e%2",       // malformed escape in a parameter
            "/v1/sources/pos-acme/events/e%C3%28",   // not UTF-8 in a parameter
            "/v1/sources/pos-acme/events/e%２Ｆ1",    // full-width digits in a parameter
            "/v1/sources/pos-acme/EVENTS/e-1",       // literal segments are case-sensitive
            "/v1/sources/pos-acme/even%74s%2Fe-1",   // an encoded slash never splits a segment
            "/v1%2Fsources/pos-acme/events/e-1",
            "/v1/sources/pos-acme/%65vent%G1/e-1",   // malformed escape in a literal segment
            "/v1/sources/pos-acme/events",           // the other route's path
            "/v1/sources/pos-acme/events/e-1/x"})
    void match_shouldBeEmpty_whenThePathIsNotTheTemplates(String rawPath) {
        assertThat(STATUS.match(rawPath)).isEmpty();
    }

    @Test
    void route_shouldGiveTheSameRouteParametersAndPath_whenTheSameRequestComesThroughEitherDoor() {
        // given: a status request as the HTTP API hands it over (decoded parameters) and as the URL does (raw path)
        APIGatewayV2HTTPEvent viaApi = Priming.request("GET", "/v1/sources/pos-acme/events/pos-order/889+1",
                Map.of("sourceId", "pos-acme", "eventId", "pos-order/889+1"), null);
        APIGatewayV2HTTPEvent viaUrl = functionUrl("GET", "/v1/sources/pos%2Dacme/events/pos-order%2F889+1");
        // when
        Optional<HttpEvents.Routed> api = HttpEvents.route(viaApi, WebhookFunction.ROUTES);
        Optional<HttpEvents.Routed> url = HttpEvents.route(viaUrl, WebhookFunction.ROUTES);
        // then
        assertThat(api).isPresent();
        assertThat(url).isPresent();
        assertThat(url.get().route()).isSameAs(STATUS).isSameAs(api.get().route());
        assertThat(url.get().parameters()).isEqualTo(api.get().parameters());
        assertThat(url.get().path()).isEqualTo(api.get().path())
                .isEqualTo("/v1/sources/pos-acme/events/pos-order/889+1");
    }

    @Test
    void route_shouldPickThePostRoute_whenTheMethodIsPost() {
        Optional<HttpEvents.Routed> routed = HttpEvents.route(functionUrl("post", "/v1/sources/pos-acme/events"),
                WebhookFunction.ROUTES);
        assertThat(routed).isPresent();
        assertThat(routed.get().route()).isSameAs(POST);
        assertThat(routed.get().parameters()).isEqualTo(Map.of("sourceId", "pos-acme"));
        assertThat(routed.get().path()).isEqualTo("/v1/sources/pos-acme/events");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "POST   | /v1/sources/pos-acme/reservations",                // another function's route
            "POST   | /v1/sources/pos-acme/adapters/shopify",
            "GET    | /v1/stock/pos-acme/BLU-SHIRT-M",
            "GET    | /v1/sources/pos-acme/events",                      // a known path, another method
            "DELETE | /v1/sources/pos-acme/events/e-1",
            "POST   | /v1/sources/pos-acme/events/e-1",
            "GET    | /",
            "GET    | ''",
            "POST   | /v1/sources/pos-acme/events/"})
    void route_shouldBeEmpty_whenTheUrlRequestIsNotOneOfTheWebhooksRoutes(String method, String rawPath) {
        assertThat(HttpEvents.route(functionUrl(method, rawPath), WebhookFunction.ROUTES)).isEmpty();
    }

    @Test
    void route_shouldBeEmpty_whenTheHttpApiSendsAnotherRoutesParameters() {
        APIGatewayV2HTTPEvent reservation = Priming.request("POST", "/v1/sources/pos-acme/reservations/r-1",
                Map.of("sourceId", "pos-acme", "reservationId", "r-1"), null);
        assertThat(HttpEvents.route(reservation, WebhookFunction.ROUTES)).isEmpty();
    }

    @Test
    void route_shouldTakeTheHttpApisParametersAsSent_whenItSendsThem() {
        // given: the HTTP API already decoded the parameters; a raw path that would decode differently is ignored
        APIGatewayV2HTTPEvent viaApi = Priming.request("GET", "/v1/sources/pos-acme/events/a%2525",
                Map.of("sourceId", "pos-acme", "eventId", "a%25"), null);
        // when
        Optional<HttpEvents.Routed> routed = HttpEvents.route(viaApi, WebhookFunction.ROUTES);
        // then: not decoded a second time
        assertThat(routed).isPresent();
        assertThat(routed.get().parameters()).containsEntry("eventId", "a%25");
    }

    /** A function URL's event: route key {@code $default}, no path parameters, the raw path as sent. */
    private static APIGatewayV2HTTPEvent functionUrl(String method, String rawPath) {
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("$default").withRawPath(rawPath)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method)
                                .withPath(rawPath).build())
                        .build())
                .build();
    }
}
