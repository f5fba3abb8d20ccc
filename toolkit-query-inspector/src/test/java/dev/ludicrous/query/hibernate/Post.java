package dev.ludicrous.query.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import java.util.ArrayList;
import java.util.List;

@Entity
public class Post {
    @Id
    Long id;
    String title;
    @ManyToOne(fetch = FetchType.LAZY)
    Author author;
    @OneToMany(mappedBy = "post")
    List<Comment> comments = new ArrayList<>();

    protected Post() {
    }

    Post(Long id, String title, Author author) {
        this.id = id;
        this.title = title;
        this.author = author;
    }

    public Author getAuthor() {
        return author;
    }

    public List<Comment> getComments() {
        return comments;
    }
}
