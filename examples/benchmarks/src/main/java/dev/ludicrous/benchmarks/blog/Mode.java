package dev.ludicrous.benchmarks.blog;

/** The pages the benchmark drives: the homepage in its three modes, and a post page. */
enum Mode {
    /** {@code /naive}: lazy loading in the template, 1 + 2N+ queries on purpose. */
    NAIVE("/naive"),
    /** {@code /optimized}: fetch join and IN queries, a constant count. */
    OPTIMIZED("/optimized"),
    /** {@code /cached}: the optimized page from toolkit-cache, 0 queries on a hit. */
    CACHED("/cached"),
    /** {@code /posts/{id}}: a post with its comments, ids 1 to {@value #POST_IDS} (or fewer when the blog has fewer) in turn. */
    POST("/posts/");

    /** How many different posts the post-page runs visit in turn. */
    static final int POST_IDS = 100;

    private final String path;

    Mode(String path) {
        this.path = path;
    }

    /** The path of request {@code i}, on a blog whose posts have ids 1 to {@code posts}. */
    String path(long i, int posts) {
        return this == POST ? path + (1 + i % Math.max(1, Math.min(POST_IDS, posts))) : path;
    }

    String label() {
        return this == POST ? "post page" : path;
    }
}
