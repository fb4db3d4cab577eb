package org.inboundrouter.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedUuidTest {

    @Test
    void idsAreVersion7UuidsThatSortByTheMillisecondTheyWereMadeIn() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(TimeOrderedUuid.next());
            Thread.sleep(2);
        }

        for (String id : ids) {
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
        }
        // the index they key is ordered as strings: later ids sort after earlier ones
        assertThat(ids).isSorted();
        long millis = UUID.fromString(ids.get(0)).getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
    }

    @Test
    void idsMadeInTheSameMillisecondDiffer() {
        HashSet<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedUuid.next());
        }
        assertThat(ids).hasSize(10_000);
    }
}
