package io.inventorysync.adapters;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Drift as a structured log line (and the {@code AdapterDrift} metric the service counts), until
 * reconciliation (issue 14) publishes {@code DriftDetected} through {@link DriftReports}.
 */
public final class LoggedDriftReports implements DriftReports {
    private static final Logger LOG = LogManager.getLogger(LoggedDriftReports.class);

    @Override
    public void report(Drift drift) {
        LOG.warn("drift: source {} channel {} sku {} measure {} reported {} master {} difference {} at {}",
                drift.sourceId(), drift.channel(), drift.sku(), drift.measure(), drift.reported(), drift.master(),
                drift.difference(), drift.observedAt());
    }
}
