package dev.ludicrous.blog.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A person who writes posts. */
@Entity
@Table(name = "blog_author")
public class Author {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "author_seq")
    @SequenceGenerator(name = "author_seq", sequenceName = "blog_author_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false, length = 200)
    private String email;

    @Column(length = 1000)
    private String bio;

    /** For Hibernate. */
    protected Author() {
    }

    /** A new author, not yet stored. */
    public Author(String name, String email, String bio) {
        this.name = name;
        this.email = email;
        this.bio = bio;
    }

    /** The id, or null before the author is stored. */
    public Long getId() {
        return id;
    }

    /** The display name. */
    public String getName() {
        return name;
    }

    /** Where the blog notifies the author of new comments. */
    public String getEmail() {
        return email;
    }

    /** A short biography. */
    public String getBio() {
        return bio;
    }
}
