package io.inventorysync.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inventorysync.domain.Validated;
import io.inventorysync.json.PlainJson;
import io.inventorysync.domain.vendor.VendorConfig;

import java.io.IOException;

/** A source's vendor configuration as the JSON text kept on its item (the same members the admin route takes). */
public final class VendorConfigJson {
    /** Built on first need: plain configurations are read and written without it ({@link PlainJson}). */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private VendorConfigJson() {
    }

    public static String write(VendorConfig vendor) {
        Object tree = vendor.toJson();
        String plain = PlainJson.writeOrNull(tree);
        if (plain != null) {
            return plain;
        }
        try {
            return Mapper.JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a vendor configuration is plain maps and strings", e);
        }
    }

    /** The stored configuration; throws {@link IllegalStateException} if what is stored is no longer valid. */
    public static VendorConfig read(String json) {
        Object raw;
        try {
            raw = PlainJson.readTree(json, () -> Mapper.JSON);
        } catch (IOException e) {
            throw new IllegalStateException("the stored vendor configuration is not JSON", e);
        }
        return switch (VendorConfig.parse(raw, "vendor")) {
            case Validated.Valid<VendorConfig> valid -> valid.value();
            case Validated.Invalid<VendorConfig> invalid ->
                    throw new IllegalStateException("the stored vendor configuration is invalid: " + invalid.problems());
        };
    }
}
