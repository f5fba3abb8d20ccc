package dev.ludicrous.cache.hibernate;

import jakarta.persistence.Entity;

/** A subtype of {@link Post} (single table): its rows are read by queries on {@code Post}. */
@Entity
public class Article extends Post {
    String summary;

    protected Article() {
    }

    Article(String title) {
        super(title);
    }
}
