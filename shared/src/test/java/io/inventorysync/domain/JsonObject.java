package io.inventorysync.domain;

import java.util.LinkedHashMap;

/**
 * A JSON object as a parser hands it over to the validators, built fluently in test tables:
 * keeps insertion order and JSON nulls, and needs no JSON library.
 */
final class JsonObject extends LinkedHashMap<String, Object> {

    JsonObject with(String key, Object value) {
        put(key, value);
        return this;
    }

    JsonObject without(String key) {
        remove(key);
        return this;
    }
}
