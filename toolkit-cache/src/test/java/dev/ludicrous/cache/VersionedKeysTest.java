package dev.ludicrous.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VersionedKeysTest {
    private final CacheManager manager = CacheManager.builder().build();
    private final Cache<String> pages = manager.cache("pages", Codec.string());

    @Test
    void bumpMakesEveryDependentEntryUnreachable() {
        AtomicInteger renders = new AtomicInteger();
        Cache<String> onPosts = pages.dependingOn("post");
        onPosts.get("/", () -> "home" + renders.incrementAndGet());
        onPosts.get("/archive", () -> "archive" + renders.incrementAndGet());
        assertThat(onPosts.get("/", () -> "never")).isEqualTo("home1");

        manager.bump("post");

        assertThat(onPosts.get("/", () -> "home" + renders.incrementAndGet())).isEqualTo("home3");
        assertThat(onPosts.get("/archive", () -> "archive" + renders.incrementAndGet())).isEqualTo("archive4");
        assertThat(manager.bumps()).isEqualTo(1);
    }

    @Test
    void entryDependingOnSeveralNamespacesIsStaleWhenAnyIsBumped() {
        Cache<String> post42 = pages.dependingOn("post:42", "comment");
        post42.get("/posts/42", () -> "v1");
        manager.bump("post:7");
        assertThat(post42.get("/posts/42", () -> "v2")).isEqualTo("v1");
        manager.bump("comment");
        assertThat(post42.get("/posts/42", () -> "v3")).isEqualTo("v3");
        manager.bump("post:42");
        assertThat(post42.get("/posts/42", () -> "v4")).isEqualTo("v4");
    }

    @Test
    void namespaceOrderAndRepetitionDoNotMatter() {
        pages.dependingOn("a", "b").get("k", () -> "v1");
        assertThat(pages.dependingOn("b", "a", "b").get("k", () -> "v2")).isEqualTo("v1");
    }

    @Test
    void viewWithOtherNamespacesSeesAMiss() {
        pages.dependingOn("a").get("k", () -> "v1");
        assertThat(pages.dependingOn("b").get("k", () -> "v2")).isEqualTo("v2");
        assertThat(pages.get("k", () -> "v3")).isEqualTo("v3");
    }

    @Test
    void bumpWhileTheLoaderRunsLeavesNothingStaleReadable() throws Exception {
        Cache<String> onPosts = pages.dependingOn("post");
        CountDownLatch loaderStarted = new CountDownLatch(1);
        CountDownLatch bumped = new CountDownLatch(1);
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> onPosts.get("/", () -> {
            loaderStarted.countDown();
            try {
                bumped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "read before the bump";
        }));
        assertThat(loaderStarted.await(10, TimeUnit.SECONDS)).isTrue();
        manager.bump("post");
        bumped.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("read before the bump");

        assertThat(onPosts.get("/", () -> "read after the bump")).isEqualTo("read after the bump");
    }

    @Test
    void namespaceThatFallsOutOfTheBoundedVersionMapComesBackWithAVersionNoEntryHas() {
        VersionCells map = new VersionCells(100);
        LocalVersions versions = new LocalVersions(map);
        long before = versions.capture(new String[] {"a"})[0];
        assertThat(versions.current("a")).isEqualTo(before);
        map.drop("a"); // what eviction does
        assertThat(versions.current("a")).isEqualTo(Versions.UNKNOWN);
        assertThat(versions.capture(new String[] {"a"})[0]).isGreaterThan(before);
    }
}
