package dev.ludicrous.blog;

import java.util.List;

/**
 * What the optimized pages and the JSON API hand to templates and Jackson: plain values, so
 * nothing can load lazily while a page renders. Field names match the entities' getters, so one
 * template renders both these and the naive mode's entities.
 */
final class Views {
    private Views() {
    }

    /** An author as a link. */
    record AuthorLink(long id, String name) {
    }

    /** A tag as a link. */
    record TagLink(String name) {
    }

    /** A post in a list: the homepage, an author's page, a tag's page, the API. */
    record PostCard(long id, String title, AuthorLink author, List<TagLink> tags, long commentCount, String publishedAt) {
    }

    /** One comment. */
    record CommentView(long id, String authorName, String body, String createdAt) {
    }

    /** A post with everything its page shows. */
    record PostDetail(PostCard card, String body, List<CommentView> comments) {
    }

    /** An author with their posts. */
    record AuthorDetail(AuthorLink author, String bio, List<PostCard> posts) {
    }

    /** Whom to tell about a new comment on a post. */
    record PostAuthor(long postId, String title, String authorName, String authorEmail) {
    }
}
