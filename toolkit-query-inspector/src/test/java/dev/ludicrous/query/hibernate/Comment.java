package dev.ludicrous.query.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class Comment {
    @Id
    Long id;
    String body;
    @ManyToOne(fetch = FetchType.LAZY)
    Post post;
    @ManyToOne(fetch = FetchType.LAZY)
    Author author;

    protected Comment() {
    }

    Comment(Long id, String body, Post post, Author author) {
        this.id = id;
        this.body = body;
        this.post = post;
        this.author = author;
    }
}
