package dev.ludicrous.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutageGraceTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void withoutGraceALostSubscriptionMakesEveryVersionUnknown() {
        VersionMirror mirror = new VersionMirror(100, Duration.ZERO, now::get);
        mirror.subscribed();
        mirror.learn("post", 7, mirror.epoch());
        assertThat(mirror.current("post")).isEqualTo(7);

        mirror.unsubscribed();

        assertThat(mirror.current("post")).isEqualTo(Versions.UNKNOWN);
    }

    @Test
    void withGraceVersionsAreTrustedForThatLongAfterTheLossThenNever() {
        VersionMirror mirror = new VersionMirror(100, Duration.ofSeconds(30), now::get);
        mirror.subscribed();
        mirror.learn("post", 7, mirror.epoch());
        mirror.learn("comment", 3, mirror.epoch());

        mirror.unsubscribed();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        mirror.unsubscribed(); // a failed retry does not restart the grace
        assertThat(mirror.current("post")).isEqualTo(7);

        now.addAndGet(Duration.ofSeconds(20).toNanos());
        assertThat(mirror.current("post")).isEqualTo(Versions.UNKNOWN);
        assertThat(mirror.current("comment")).isEqualTo(Versions.UNKNOWN);
    }

    @Test
    void inTheGraceThisNodesOwnBumpMakesItsDependentsStaleHere() {
        VersionMirror mirror = new VersionMirror(100, Duration.ofSeconds(30), now::get);
        mirror.subscribed();
        mirror.learn("post", 7, mirror.epoch());
        mirror.learn("comment", 3, mirror.epoch());
        mirror.unsubscribed();

        mirror.bumped("post", 8); // sent while the subscription was down
        mirror.forget("comment"); // could not be sent: held back

        assertThat(mirror.current("post")).isEqualTo(Versions.UNKNOWN);
        assertThat(mirror.current("comment")).isEqualTo(Versions.UNKNOWN);
    }

    @Test
    void resubscribingEmptiesTheCopyAndANewManagerHasNoGraceToGive() {
        VersionMirror mirror = new VersionMirror(100, Duration.ofSeconds(30), now::get);
        mirror.unsubscribed();
        assertThat(mirror.current("post")).isEqualTo(Versions.UNKNOWN);
        mirror.subscribed();
        mirror.learn("post", 7, mirror.epoch());
        mirror.unsubscribed();
        mirror.subscribed();
        assertThat(mirror.current("post")).isEqualTo(Versions.UNKNOWN);
    }

    @Test
    void graceIsCheckedWhenBuilt() {
        assertThatThrownBy(() -> CacheManager.builder().serveLocalDuringOutage(Duration.ofHours(2)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("serveLocalDuringOutage must be between 0 (off) and PT1H, but was PT2H");
        assertThatThrownBy(() -> CacheManager.builder().serveLocalDuringOutage(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serveLocalDuringOutage");
    }
}
