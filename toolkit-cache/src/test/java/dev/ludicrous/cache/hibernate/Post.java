package dev.ludicrous.cache.hibernate;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

@Entity
public class Post {
    @Id
    @GeneratedValue
    Long id;

    String title;

    @ElementCollection
    java.util.Set<String> tags = new java.util.HashSet<>();

    protected Post() {
    }

    Post(String title) {
        this.title = title;
    }
}
