package org.inboundrouter.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gauges of one name whose label sets come and go (a channel removed while the daemon runs, a sink): each refresh
 * sets the values that exist now, and the series not set in a refresh are removed rather than left frozen.
 */
final class GaugeFamily {

    private record Series(Gauge gauge, AtomicReference<Double> value) {
    }

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final String baseUnit;
    private final Map<Tags, Series> series = new ConcurrentHashMap<>();
    private final Set<Tags> seen = new HashSet<>();

    GaugeFamily(MeterRegistry registry, String name, String description, String baseUnit) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.baseUnit = baseUnit;
    }

    synchronized void set(Tags tags, double value) {
        seen.add(tags);
        series.computeIfAbsent(tags, t -> {
            AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
            Gauge gauge = Gauge.builder(name, holder, AtomicReference::get).tags(t).description(description)
                    .baseUnit(baseUnit).register(registry);
            return new Series(gauge, holder);
        }).value().set(value);
    }

    /** Ends a refresh: drops every series it did not set. */
    synchronized void retainSeen() {
        for (Map.Entry<Tags, Series> s : Map.copyOf(series).entrySet()) {
            if (!seen.contains(s.getKey())) {
                registry.remove(s.getValue().gauge());
                series.remove(s.getKey());
            }
        }
        seen.clear();
    }
}
