package dev.ludicrous.blog;

/** {@code java -jar blog.jar}: starts the blog with the settings from the environment (see docs/blog.md). */
public final class BlogMain {
    private BlogMain() {
    }

    /** Starts the blog and keeps it running until the process is stopped. */
    public static void main(String[] args) throws Exception {
        BlogConfig config;
        try {
            config = BlogConfig.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("blog: " + e.getMessage());
            System.exit(2);
            return;
        }
        Blog blog = Blog.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                blog.close();
            } catch (Exception e) {
                System.err.println("blog: stopping failed: " + e);
            }
        }, "blog-shutdown"));
        System.out.println("Blog running at " + blog.url() + "/  (Ctrl-C to stop)");
        Thread.currentThread().join();
    }
}
