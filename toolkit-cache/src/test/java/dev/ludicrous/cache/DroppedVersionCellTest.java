package dev.ludicrous.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A local entry keeps the version cells of its namespaces; when a cell leaves its map, entries
 * holding it must read as stale, even if the namespace comes back at the version they captured.
 */
class DroppedVersionCellTest {

    @Test
    void entryWhoseCellWasDroppedIsStale() {
        VersionCells cells = new VersionCells(100);
        DefaultCache<String> onPost = localView(new LocalVersions(cells), "post");
        AtomicInteger renders = new AtomicInteger();
        assertThat(onPost.get("/posts/42", () -> "v" + renders.incrementAndGet())).isEqualTo("v1");
        assertThat(onPost.get("/posts/42", () -> "never")).isEqualTo("v1");

        cells.drop("post"); // what eviction from the bounded map does

        // The entry still holds the dropped cell, whose version was the one it captured: only the
        // sentinel makes it stale.
        assertThat(onPost.get("/posts/42", () -> "v" + renders.incrementAndGet())).isEqualTo("v2");
        assertThat(onPost.get("/posts/42", () -> "never")).isEqualTo("v2");
    }

    @Test
    void droppedCellStaysDeadWhenItsNamespaceComesBackAtTheSameVersion() {
        VersionMirror mirror = new VersionMirror(100, Duration.ZERO, Ticker.systemTicker());
        mirror.subscribed();
        mirror.learn("post", 7, mirror.epoch());
        VersionCell kept = mirror.cell("post");
        assertThat(kept.version()).isEqualTo(7);

        mirror.forget("post"); // a bump this node could not send
        mirror.learn("post", 7, mirror.epoch()); // read from Redis again

        assertThat(kept.version()).isEqualTo(VersionCell.DEAD).isNotEqualTo(7);
        assertThat(mirror.cell("post")).isNotSameAs(kept);
        assertThat(mirror.current("post")).isEqualTo(7);
    }

    @Test
    void resubscribingKillsTheCellsKeptThroughTheGrace() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        VersionMirror mirror = new VersionMirror(100, Duration.ofSeconds(30), now::get);
        mirror.subscribed();
        mirror.learn("post", 7, mirror.epoch());
        VersionCell kept = mirror.cell("post");

        mirror.unsubscribed();
        assertThat(kept.version()).isEqualTo(7); // served during the grace
        mirror.subscribed();

        assertThat(kept.dead()).isTrue();
        assertThat(mirror.cell("post")).isNull();
    }

    @Test
    void everyCellEvictedFromTheBoundedMapIsDead() {
        VersionCells cells = new VersionCells(1);
        Map<String, VersionCell> made = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            cells.raise("ns" + i, i + 1);
            VersionCell cell = cells.get("ns" + i);
            if (cell != null) {
                made.put("ns" + i, cell);
            }
        }
        cells.cleanUp();

        int live = 0;
        for (Map.Entry<String, VersionCell> one : made.entrySet()) {
            boolean held = cells.get(one.getKey()) == one.getValue();
            assertThat(one.getValue().dead()).as(one.getKey()).isEqualTo(!held);
            live += held ? 1 : 0;
        }
        assertThat(made).hasSizeGreaterThan(1);
        assertThat(live).isLessThanOrEqualTo(1);
    }

    private static DefaultCache<String> localView(LocalVersions versions, String... namespaces) {
        Engine engine = new Engine("test:", "node", 1 << 20, 0, null, null, versions);
        Store.Refresh refresh = new Store.Refresh(Ticker.systemTicker(), Duration.ofMinutes(10).toNanos(), 0, 0,
                Runnable::run);
        Store<String> store = new Store<>("pages", Codec.string(), "test:", Duration.ofMinutes(10), 100, 0, false,
                refresh);
        return new DefaultCache<>(store, engine, Namespaces.check(namespaces));
    }
}
