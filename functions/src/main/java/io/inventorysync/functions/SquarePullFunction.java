package io.inventorysync.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.inventorysync.adapters.VendorAdapters;
import io.inventorysync.settings.Environment;
import io.inventorysync.telemetry.Telemetry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs on a schedule: pulls Square's changes for every Square source that has pulled before, so
 * a notification Square dropped (it does not retry forever) is caught up within the period.
 */
public final class SquarePullFunction implements RequestHandler<ScheduledEvent, Map<String, Integer>> {
    private static final Logger LOG = LogManager.getLogger(SquarePullFunction.class);
    private final VendorAdapters adapters;

    public SquarePullFunction() {
        this(Container.ADAPTERS);
    }

    public SquarePullFunction(Environment env) {
        this(VendorAdapterFunction.Wiring.adapters(new AwsClients(env)));
    }

    SquarePullFunction(VendorAdapters adapters) {
        this.adapters = adapters;
    }

    private static final class Container {
        private static final AwsClients AWS = new AwsClients(Environment.process());
        static final VendorAdapters ADAPTERS = VendorAdapterFunction.Wiring.adapters(AWS);

        static {
            Priming.register(AWS, Priming::telemetry);
        }
    }

    /** Pages pulled per source. */
    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        Telemetry telemetry = Telemetry.start("SquarePull");
        Map<String, Integer> pages = new LinkedHashMap<>();
        try {
            for (String sourceId : adapters.pulledSources()) {
                try {
                    pages.put(sourceId, adapters.pullSquare(sourceId, telemetry).pages());
                } catch (RuntimeException e) {
                    LOG.error("square pull for {} failed; the next run resumes it", sourceId, e);
                    pages.put(sourceId, 0);
                }
            }
            return pages;
        } finally {
            telemetry.flush();
        }
    }
}
