package io.inventorysync.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON Schemas of the outbound event details ({@code events/outbound/v1}), for contract
 * tests: whoever emits a detail checks it with {@link #problems(String, String)}.
 *
 * <pre>{@code
 * assertThat(OutboundSchemas.problems("InventoryLevelChanged", detailJson)).isEmpty();
 * }</pre>
 *
 * The schemas are read once, from the folder named by the system property {@code events.dir}
 * (or {@code ../events}). Formats such as {@code date-time} are asserted, not just annotated.
 */
public final class OutboundSchemas {
    /** Where the schemas' {@code $id}s live; mapped onto the local {@code events/} folder. */
    public static final String BASE_URI = "https://inventory-sync.example/events/";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Map<String, JsonSchema> schemas;

    private OutboundSchemas() {
    }

    /**
     * What is wrong with {@code detailJson} as the detail of {@code detailType}: one message per
     * violation, each starting with the JSON pointer of the member, e.g.
     * {@code /available: must have a minimum value of 0}. Empty when the detail is valid.
     *
     * @throws IllegalArgumentException when {@code detailType} is not an outbound detail-type
     */
    public static Set<String> problems(String detailType, String detailJson) {
        JsonNode detail;
        try {
            detail = MAPPER.readTree(detailJson);
        } catch (JsonProcessingException e) {
            return Set.of("not valid JSON: " + e.getOriginalMessage());
        }
        return problems(detailType, detail);
    }

    /** As {@link #problems(String, String)}, for a detail already parsed. */
    public static Set<String> problems(String detailType, JsonNode detail) {
        JsonSchema schema = schemas().get(detailType);
        if (schema == null) {
            throw new IllegalArgumentException(detailType + " is not an outbound detail-type " + schemas().keySet());
        }
        Set<String> messages = new TreeSet<>();
        for (ValidationMessage message : schema.validate(detail)) {
            messages.add(message.getMessage());
        }
        return Collections.unmodifiableSet(messages);
    }

    /** The sample detail of {@code detailType}, {@code events/outbound/v1/samples/<detailType>.json}. */
    public static Path sample(String detailType) {
        return ProjectFiles.eventsDir().resolve("outbound/v1/samples/" + detailType + ".json");
    }

    /** The schema file of {@code detailType}, {@code events/outbound/v1/<detailType>.schema.json}. */
    public static Path schemaFile(String detailType) {
        return ProjectFiles.eventsDir().resolve("outbound/v1/" + detailType + ".schema.json");
    }

    private static synchronized Map<String, JsonSchema> schemas() {
        if (schemas == null) {
            Path eventsDir = ProjectFiles.eventsDir();
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                    builder -> builder.schemaMappers(m -> m.mapPrefix(BASE_URI, eventsDir.toUri().toString())));
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            Map<String, JsonSchema> loaded = new LinkedHashMap<>();
            for (String detailType : ChannelsConfig.OUTBOUND_DETAIL_TYPES) {
                JsonSchema schema = factory.getSchema(
                        SchemaLocation.of(BASE_URI + "outbound/v1/" + detailType + ".schema.json"), config);
                schema.initializeValidators();
                loaded.put(detailType, schema);
            }
            schemas = Collections.unmodifiableMap(loaded);
        }
        return schemas;
    }
}
