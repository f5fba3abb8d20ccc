package dev.ludicrous.blog.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A blog post. Every association is lazy, so that the naive homepage shows the N+1 problem and
 * the optimized one has to say what it fetches.
 */
@Entity
@Table(name = "blog_post", indexes = {
        @Index(name = "blog_post_published", columnList = "published_at"),
        @Index(name = "blog_post_author", columnList = "author_id")})
public class Post {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "post_seq")
    @SequenceGenerator(name = "post_seq", sequenceName = "blog_post_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id", nullable = false)
    private Author author;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 20_000)
    private String body;

    @Column(name = "published_at", nullable = false)
    private Instant publishedAt;

    @ManyToMany(fetch = FetchType.LAZY)
    @JoinTable(name = "blog_post_tag",
            joinColumns = @JoinColumn(name = "post_id"),
            inverseJoinColumns = @JoinColumn(name = "tag_id"))
    @OrderBy("name")
    private Set<Tag> tags = new LinkedHashSet<>();

    @OneToMany(mappedBy = "post", fetch = FetchType.LAZY)
    @OrderBy("createdAt, id")
    private List<Comment> comments = new ArrayList<>();

    // Denormalised: kept up to date by the recount task after each comment, read by the JSON API.
    @Column(name = "comment_total", nullable = false)
    private int commentTotal;

    /** For Hibernate. */
    protected Post() {
    }

    /** A new post, not yet stored. */
    public Post(Author author, String title, String body, Instant publishedAt) {
        this.author = author;
        this.title = title;
        this.body = body;
        this.publishedAt = publishedAt;
    }

    /** The id, or null before the post is stored. */
    public Long getId() {
        return id;
    }

    /** Who wrote it (a lazy proxy until touched). */
    public Author getAuthor() {
        return author;
    }

    /** The title. */
    public String getTitle() {
        return title;
    }

    /** The text. */
    public String getBody() {
        return body;
    }

    /** When it was published. */
    public Instant getPublishedAt() {
        return publishedAt;
    }

    /** Its tags (loaded on first touch). */
    public Set<Tag> getTags() {
        return tags;
    }

    /** Its comments, oldest first (loaded on first touch). */
    public List<Comment> getComments() {
        return comments;
    }

    /**
     * The naive way to count comments: loads every one of them. The homepage's naive mode calls
     * this from the template on purpose; the optimized mode runs one aggregate query instead.
     */
    public int getCommentCount() {
        return comments.size();
    }

    /** The denormalised comment count, as last recounted. */
    public int getCommentTotal() {
        return commentTotal;
    }
}
