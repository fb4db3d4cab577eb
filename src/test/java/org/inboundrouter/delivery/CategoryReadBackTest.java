package org.inboundrouter.delivery;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CategoryReadBackTest {

    private static final List<String> IDS = List.of("topup", "refund", "withdrawal", "service_complaint", "other");

    private static Optional<String> choice(Set<String> before, Set<String> now) {
        return CategoryReadBack.agentsChoice(before, now, IDS);
    }

    @Test
    void whatTheRouterWroteOrSawIsNoChoice() {
        assertThat(choice(Set.of("topup"), Set.of("topup"))).isEmpty();
        assertThat(choice(Set.of("refund", "service_complaint", "inbound-router-7"),
                Set.of("refund", "service_complaint", "inbound-router-7", "vip"))).as("a tag that is no category")
                .isEmpty();
    }

    @Test
    void anRtFieldSetToAnotherKnownValueIsTheChoiceWithoutCase() {
        assertThat(choice(Set.of("topup"), Set.of("refund"))).contains("refund");
        assertThat(choice(Set.of("topup"), Set.of("Withdrawal"))).contains("withdrawal");
        assertThat(choice(Set.of("topup"), Set.of("no_such_category"))).as("not in the taxonomy").isEmpty();
        assertThat(choice(Set.of("topup"), Set.of())).as("emptied").isEmpty();
    }

    @Test
    void zammadTagsAddedOrRemovedChooseOnlyWhenClear() {
        Set<String> written = Set.of("refund", "service_complaint", "urgent", "inbound-router-7");
        assertThat(choice(written, Set.of("withdrawal", "service_complaint", "urgent", "inbound-router-7")))
                .as("one swapped").contains("withdrawal");
        assertThat(choice(written, Set.of("refund", "service_complaint", "topup", "inbound-router-7")))
                .as("one added").contains("topup");
        assertThat(choice(written, Set.of("service_complaint", "inbound-router-7"))).as("the wrong one removed")
                .contains("service_complaint");
        assertThat(choice(written, Set.of("topup", "withdrawal", "inbound-router-7"))).as("two added").isEmpty();
        assertThat(choice(written, Set.of("inbound-router-7"))).as("all removed").isEmpty();
    }
}
