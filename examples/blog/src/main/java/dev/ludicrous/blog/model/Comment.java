package dev.ludicrous.blog.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A reader's comment on a post. */
@Entity
@Table(name = "blog_comment", indexes = @Index(name = "blog_comment_post", columnList = "post_id"))
public class Comment {
    /** Longest accepted comment body, in characters. */
    public static final int MAX_BODY = 2_000;
    /** Longest accepted commenter name, in characters. */
    public static final int MAX_NAME = 80;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "comment_seq")
    @SequenceGenerator(name = "comment_seq", sequenceName = "blog_comment_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "post_id", nullable = false)
    private Post post;

    @Column(name = "author_name", nullable = false, length = MAX_NAME)
    private String authorName;

    @Column(nullable = false, length = MAX_BODY)
    private String body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** For Hibernate. */
    protected Comment() {
    }

    /** A new comment, not yet stored. */
    public Comment(Post post, String authorName, String body, Instant createdAt) {
        this.post = post;
        this.authorName = authorName;
        this.body = body;
        this.createdAt = createdAt;
    }

    /** The id, or null before the comment is stored. */
    public Long getId() {
        return id;
    }

    /** The post it belongs to. */
    public Post getPost() {
        return post;
    }

    /** Who wrote it, as they typed it. */
    public String getAuthorName() {
        return authorName;
    }

    /** The text. */
    public String getBody() {
        return body;
    }

    /** When it was written. */
    public Instant getCreatedAt() {
        return createdAt;
    }
}
