package dev.ludicrous.blog.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A topic that posts are filed under. */
@Entity
@Table(name = "blog_tag")
public class Tag {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "tag_seq")
    @SequenceGenerator(name = "tag_seq", sequenceName = "blog_tag_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, unique = true, length = 50)
    private String name;

    /** For Hibernate. */
    protected Tag() {
    }

    /** A new tag, not yet stored. */
    public Tag(String name) {
        this.name = name;
    }

    /** The id, or null before the tag is stored. */
    public Long getId() {
        return id;
    }

    /** The name, lowercase, as it appears in URLs. */
    public String getName() {
        return name;
    }
}
