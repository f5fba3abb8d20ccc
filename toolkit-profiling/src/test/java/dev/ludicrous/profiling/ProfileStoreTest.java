package dev.ludicrous.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileStoreTest {

    @Test
    void keepsTheLastNewestFirst() {
        ProfileStore store = ProfileStore.builder().maxRecent(2).maxSlowestPerRoute(0).build();
        Profile a = Trees.profile("/a", 10, "x.X.a 1");
        Profile b = Trees.profile("/b", 10, "x.X.b 1");
        Profile c = Trees.profile("/c", 10, "x.X.c 1");
        store.add(a);
        store.add(b);
        store.add(c);
        assertThat(store.recent()).containsExactly(c, b);
        assertThat(store.find(a.id())).isEmpty();
        assertThat(store.find(c.id())).contains(c);
    }

    @Test
    void keepsTheSlowestPerRouteEvenWhenTheyAreNoLongerRecent() {
        ProfileStore store = ProfileStore.builder().maxRecent(1).maxSlowestPerRoute(2).build();
        Profile slow = Trees.profile("/posts/{id}", 900, "x.X.a 1");
        Profile medium = Trees.profile("/posts/{id}", 300, "x.X.a 1");
        Profile fast = Trees.profile("/posts/{id}", 5, "x.X.a 1");
        Profile other = Trees.profile("/", 50, "x.X.a 1");
        store.add(slow);
        store.add(fast);
        store.add(medium);
        store.add(other);

        assertThat(store.slowestByRoute()).containsEntry("/posts/{id}", List.of(slow, medium)).containsEntry("/", List.of(other));
        assertThat(store.recent()).containsExactly(other);
        assertThat(store.find(fast.id())).isEmpty();
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void routeCountIsBoundedByDroppingTheRouteWithTheFastestSlowest() {
        ProfileStore store = ProfileStore.builder().maxRecent(0).maxSlowestPerRoute(1).maxRoutes(2).build();
        store.add(Trees.profile("/a", 100, "x.X.a 1"));
        store.add(Trees.profile("/b", 10, "x.X.a 1"));
        store.add(Trees.profile("/c", 50, "x.X.a 1"));
        store.add(Trees.profile("/d", 1, "x.X.a 1"));
        assertThat(store.slowestByRoute()).containsOnlyKeys("/a", "/c");
    }

    @Test
    void memoryStaysWithinMaxBytesWhateverTheTraffic() {
        ProfileStore store = ProfileStore.builder().maxRecent(1_000).maxSlowestPerRoute(5).maxBytes(64 * 1024).build();
        for (int i = 0; i < 2_000; i++) {
            store.add(Trees.profile("/r" + (i % 50), i % 97,
                    "a.A.f;b.B.g" + i + ";c.C.h 3", "a.A.f;d.D.k" + i + " 2"));
            assertThat(store.bytes()).isLessThanOrEqualTo(64 * 1024);
        }
        assertThat(store.size()).isPositive();
        long sum = store.recent().stream().mapToLong(Profile::estimatedBytes).sum();
        assertThat(sum).isLessThanOrEqualTo(store.bytes());
    }

    @Test
    void aProfileLargerThanTheWholeStoreIsNotStored() {
        ProfileStore store = ProfileStore.builder().maxBytes(64 * 1024).build();
        String[] lines = new String[1_000];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "a.A.f;b.B.method" + i + " 1";
        }
        assertThat(store.add(Trees.profile("/big", 1, lines))).isFalse();
        assertThat(store.size()).isZero();
    }

    @Test
    void badSettingsFailAtBuild() {
        assertThatThrownBy(() -> ProfileStore.builder().maxBytes(10).build())
                .hasMessage("maxBytes must be at least 65536, but was 10");
        assertThatThrownBy(() -> ProfileStore.builder().maxRecent(-1).build())
                .hasMessage("maxRecent must be zero or more, but was -1");
        assertThatThrownBy(() -> ProfileStore.builder().maxRoutes(0).build())
                .hasMessage("maxRoutes must be at least 1, but was 0");
    }
}
