package dev.ludicrous.cache.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import org.hibernate.Version;
import org.junit.jupiter.api.Test;

/**
 * The build runs this package's tests twice: on the Hibernate it compiles against, and (Failsafe
 * execution {@code hibernate-6.6}) with Hibernate 6.6 swapped in. This checks the swap happened,
 * so that a passing second run means the integration works on 6.6, not that 7 ran twice.
 */
class HibernateVersionTest {
    @Test
    void runsOnTheHibernateVersionThisExecutionWasGiven() {
        String expected = System.getProperty("ludicrous.test.hibernate-version", "7.");

        assertThat(Version.getVersionString()).startsWith(expected);
    }
}
