package io.inventorysync.ingest;

import io.inventorysync.domain.EventLine;
import io.inventorysync.domain.InventoryEvent;
import io.inventorysync.domain.Problem;
import io.inventorysync.domain.Source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A source's SKUs turned into canonical SKUs, by its alias map and its unknown-SKU policy. */
final class SkuMapping {
    private SkuMapping() {
    }

    sealed interface Result {
    }

    /** Each event with its lines' SKUs mapped (the line keeps the source's own SKU too). */
    record Mapped(List<InventoryEvent> events) implements Result {
    }

    /**
     * Some SKU is refused by the source's policy. {@code problems} lists every mapping problem
     * found, lines that map onto the same SKU included.
     */
    record UnknownSkus(List<Problem> problems) implements Result {
    }

    /** Every SKU is known, but two lines of one event map to the same SKU. */
    record CollidingLines(List<Problem> problems) implements Result {
    }

    /** @param batch whether the events came as {@code {"events": [...]}} (problem paths say which event) */
    static Result map(Source source, List<InventoryEvent> events, boolean batch) {
        List<InventoryEvent> mapped = new ArrayList<>(events.size());
        List<Problem> problems = new ArrayList<>();
        boolean unknown = false;
        for (int i = 0; i < events.size(); i++) {
            InventoryEvent event = events.get(i);
            String prefix = batch ? "events[" + i + "]." : "";
            Map<String, Integer> canonicalLine = new HashMap<>();
            for (int j = 0; j < event.lines().size(); j++) {
                EventLine line = event.lines().get(j);
                Optional<String> canonical = source.canonicalSku(line.sourceSku());
                String path = prefix + "lines[" + j + "].sku";
                if (canonical.isEmpty()) {
                    unknown = true;
                    problems.add(new Problem(path, "is not in the SKU alias map of source " + source.sourceId()
                            + ", which rejects unknown SKUs"));
                } else if (canonicalLine.putIfAbsent(canonical.get(), j) != null) {
                    problems.add(new Problem(path, "maps to " + canonical.get() + ", like lines["
                            + canonicalLine.get(canonical.get()) + "]; send one line per SKU"));
                }
            }
            mapped.add(event.withSkusMapped(sku -> source.canonicalSku(sku).orElse(sku)));
        }
        if (problems.isEmpty()) {
            return new Mapped(mapped);
        }
        return unknown ? new UnknownSkus(problems) : new CollidingLines(problems);
    }
}
