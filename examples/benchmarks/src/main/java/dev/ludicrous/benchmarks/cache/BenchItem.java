package dev.ludicrous.benchmarks.cache;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** The one entity of {@link HibernateListenerBenchmark}. */
@Entity
public class BenchItem {
    @Id
    private long id;
    private String name;

    protected BenchItem() {
    }

    BenchItem(long id, String name) {
        this.id = id;
        this.name = name;
    }

    /**
     * Returns the name.
     *
     * @return the name
     */
    public String getName() {
        return name;
    }
}
