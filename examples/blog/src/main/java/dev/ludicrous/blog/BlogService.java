package dev.ludicrous.blog;

import dev.ludicrous.blog.Views.AuthorDetail;
import dev.ludicrous.blog.Views.AuthorLink;
import dev.ludicrous.blog.Views.CommentView;
import dev.ludicrous.blog.Views.PostCard;
import dev.ludicrous.blog.Views.PostDetail;
import dev.ludicrous.blog.Views.TagLink;
import dev.ludicrous.blog.model.Author;
import dev.ludicrous.blog.model.Comment;
import dev.ludicrous.blog.model.Post;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;

/**
 * The blog's reads and writes. The naive homepage query is here too, but its cost shows only
 * later, when the template touches each post's author, tags and comments.
 */
final class BlogService {
    static final int HOMEPAGE_SIZE = 20;
    private static final int LIST_SIZE = 50;

    private final Database database;
    private final Clock clock;

    BlogService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The latest posts as entities with every association still lazy: 1 query now, more in the template. */
    List<Post> latestNaive(Session session) {
        return session.createSelectionQuery("from Post p order by p.publishedAt desc, p.id desc", Post.class)
                .setMaxResults(HOMEPAGE_SIZE)
                .getResultList();
    }

    /**
     * The latest posts in three queries whatever their number: posts with their authors (fetch
     * join), the tags of all of them (one IN query), and their comment counts (one aggregate).
     */
    // snippet: blog-optimized-query
    List<PostCard> latest() {
        return database.read(session -> cards(session.createSelectionQuery(
                        "from Post p join fetch p.author order by p.publishedAt desc, p.id desc", Post.class)
                .setMaxResults(HOMEPAGE_SIZE)
                .getResultList(), session));
    }
    // end-snippet

    /** A page of posts for the API, newest first. */
    List<PostCard> page(int offset, int limit) {
        return database.read(session -> cards(session.createSelectionQuery(
                        "from Post p join fetch p.author order by p.publishedAt desc, p.id desc", Post.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList(), session));
    }

    Optional<PostDetail> post(long id) {
        return database.read(session -> {
            List<Post> found = session.createSelectionQuery("from Post p join fetch p.author where p.id = :id", Post.class)
                    .setParameter("id", id)
                    .getResultList();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Post post = found.get(0);
            List<CommentView> comments = session.createSelectionQuery(
                            "from Comment c where c.post.id = :id order by c.createdAt, c.id", Comment.class)
                    .setParameter("id", id)
                    .getResultList().stream()
                    .map(c -> new CommentView(c.getId(), c.getAuthorName(), c.getBody(), c.getCreatedAt().toString()))
                    .toList();
            PostCard card = cards(List.of(post), session).get(0);
            return Optional.of(new PostDetail(card, post.getBody(), comments));
        });
    }

    Optional<AuthorDetail> author(long id) {
        return database.read(session -> {
            Author author = session.find(Author.class, id);
            if (author == null) {
                return Optional.empty();
            }
            List<Post> posts = session.createSelectionQuery(
                            "from Post p join fetch p.author where p.author.id = :id order by p.publishedAt desc, p.id desc", Post.class)
                    .setParameter("id", id)
                    .setMaxResults(LIST_SIZE)
                    .getResultList();
            return Optional.of(new AuthorDetail(new AuthorLink(id, author.getName()), author.getBio(), cards(posts, session)));
        });
    }

    List<PostCard> tagged(String tag) {
        return database.read(session -> cards(session.createSelectionQuery(
                        "select p from Post p join fetch p.author join p.tags t where t.name = :tag"
                                + " order by p.publishedAt desc, p.id desc", Post.class)
                .setParameter("tag", tag)
                .setMaxResults(LIST_SIZE)
                .getResultList(), session));
    }

    /** Stores a comment; empty when the post does not exist. */
    Optional<Long> addComment(long postId, String authorName, String body) {
        return database.write(session -> {
            Post post = session.find(Post.class, postId);
            if (post == null) {
                return Optional.empty();
            }
            Comment comment = new Comment(post, authorName, body, clock.instant());
            session.persist(comment);
            session.flush();
            return Optional.of(comment.getId());
        });
    }

    /** Recomputes a post's denormalised comment count from the comments themselves. */
    int recount(long postId) {
        return database.write(session -> session.createMutationQuery(
                        "update Post p set p.commentTotal = (select count(c) from Comment c where c.post.id = :id) where p.id = :id")
                .setParameter("id", postId)
                .executeUpdate());
    }

    /** The most commented posts, for the "popular" box; read from the denormalised counter. */
    List<PostCard> popular(int limit) {
        return database.read(session -> cards(session.createSelectionQuery(
                        "from Post p join fetch p.author order by p.commentTotal desc, p.id desc", Post.class)
                .setMaxResults(limit)
                .getResultList(), session));
    }

    /** Who to notify about a comment on a post, or empty when the post does not exist. */
    Optional<Views.PostAuthor> postAuthor(long postId) {
        return database.read(session -> session.createSelectionQuery(
                        "select new dev.ludicrous.blog.Views$PostAuthor(p.id, p.title, a.name, a.email)"
                                + " from Post p join p.author a where p.id = :id",
                        Views.PostAuthor.class)
                .setParameter("id", postId)
                .getResultList().stream().findFirst());
    }

    /** Turns posts whose authors are already fetched into cards, with 2 more queries (tags, counts). */
    private static List<PostCard> cards(List<Post> posts, Session session) {
        if (posts.isEmpty()) {
            return List.of();
        }
        List<Long> ids = posts.stream().map(Post::getId).toList();
        Map<Long, List<TagLink>> tags = new HashMap<>();
        for (Object[] row : session.createSelectionQuery(
                        "select p.id, t.name from Post p join p.tags t where p.id in :ids order by t.name", Object[].class)
                .setParameter("ids", ids)
                .getResultList()) {
            tags.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add(new TagLink((String) row[1]));
        }
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row : session.createSelectionQuery(
                        "select c.post.id, count(c) from Comment c where c.post.id in :ids group by c.post.id", Object[].class)
                .setParameter("ids", ids)
                .getResultList()) {
            counts.put((Long) row[0], (Long) row[1]);
        }
        return posts.stream().map(p -> new PostCard(p.getId(), p.getTitle(),
                new AuthorLink(p.getAuthor().getId(), p.getAuthor().getName()),
                tags.getOrDefault(p.getId(), List.of()), counts.getOrDefault(p.getId(), 0L),
                p.getPublishedAt().toString())).toList();
    }
}
