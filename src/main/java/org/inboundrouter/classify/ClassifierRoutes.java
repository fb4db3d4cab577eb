package org.inboundrouter.classify;

import org.apache.camel.builder.RouteBuilder;

/** Checks the taxonomy file for edits every two seconds, so ops can change keywords without a restart. */
public final class ClassifierRoutes extends RouteBuilder {

    private final ReloadingClassifier classifier;

    public ClassifierRoutes(ReloadingClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public void configure() {
        from("timer:taxonomy-reload?period=2000&delay=2000").routeId("taxonomy-reload")
                .process(e -> classifier.reloadIfChanged());
    }
}
