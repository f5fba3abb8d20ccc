package dev.ludicrous.blog;

/** What happens after a comment is stored: cache bumps and background tasks. */
interface CommentListener {
    /** Called after the comment's transaction committed; must not throw. */
    void commentPosted(long postId, long commentId);
}
