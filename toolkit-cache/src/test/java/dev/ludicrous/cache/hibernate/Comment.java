package dev.ludicrous.cache.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A type unrelated to {@link Post}, whose namespace a statement on posts must leave alone. */
@Entity
public class Comment {
    @Id
    @GeneratedValue
    Long id;

    String text;

    protected Comment() {
    }

    Comment(String text) {
        this.text = text;
    }
}
