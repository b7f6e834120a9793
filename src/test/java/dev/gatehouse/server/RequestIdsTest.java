package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void anIdIsTheClockThenRandomBitsInFixedWidthHex() {
        assertThat(RequestIds.next(0x0193_4f2a_11c0L, 0x0123_4567_89ab_cdefL)).isEqualTo("req_01934f2a11c00123456789abcdef");
        assertThat(RequestIds.next(1L, -1L)).isEqualTo("req_000000000001ffffffffffffffff");
        assertThat(RequestIds.next()).matches("req_[0-9a-f]{28}");
    }

    @Test
    void laterIdsSortAfterEarlierOnesSoTheLedgerIndexGrowsAtItsEnd() {
        String earlier = RequestIds.next(1_763_000_000_000L, -1L);
        String later = RequestIds.next(1_763_000_000_001L, 0L);
        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void idsOfOneMillisecondStillDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) ids.add(RequestIds.next());
        assertThat(ids).hasSize(10_000);
    }
}
