package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * End to end through a real browser: Debian's headless {@code chromium}, driven through its
 * {@code chromedriver} (package {@code chromium-driver}). Skipped when they are missing, unless
 * {@code CI} is set; .ci/run installs both when absent.
 */
class BrowserIT {
    private static final List<Path> BROWSERS = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final List<Path> DRIVERS = List.of(Path.of("/usr/bin/chromedriver"), Path.of("/usr/lib/chromium/chromedriver"));
    private static TestBlog blog;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> chromium = BROWSERS.stream().filter(Files::isExecutable).findFirst();
        Optional<Path> driver = DRIVERS.stream().filter(Files::isExecutable).findFirst();
        String ci = System.getenv("CI");
        boolean onCi = ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
        if (chromium.isEmpty() || driver.isEmpty()) {
            String missing = "headless Chromium needs " + BROWSERS.get(0) + " and " + DRIVERS.get(0)
                    + " (apt-get install -y chromium chromium-driver)";
            if (onCi) {
                throw new IllegalStateException(missing + "; CI is set, so this fails instead of skipping");
            }
            Assumptions.abort(missing + "; skipping (set CI=true to make this a failure)");
        }
        blog = TestBlog.start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1200,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (blog != null) {
                blog.close();
            }
        }
    }

    @Test
    void readerOpensTheHomepagePostsACommentAndSeesIt() {
        browser.get(blog.blog.url() + "/");
        List<WebElement> cards = browser.findElements(By.cssSelector("article.card"));
        assertThat(cards).hasSize(BlogService.HOMEPAGE_SIZE);

        cards.get(0).findElement(By.cssSelector("h3 a")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("/posts/" + TestBlog.POSTS));
        String text = "Seen in Chromium <b>not bold</b>";
        browser.findElement(By.name("name")).sendKeys("Robin");
        browser.findElement(By.name("body")).sendKeys(text);
        browser.findElement(By.cssSelector("#comment-form button[type=submit]")).click();

        // The redirect after the POST lands on the post, scrolled to the new comment. The click
        // returns when the form is sent, not when the browser has followed the redirect.
        String afterRedirect = ".*/posts/" + TestBlog.POSTS + "#comment-\\d+";
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().matches(afterRedirect));
        String anchor = browser.getCurrentUrl().substring(browser.getCurrentUrl().indexOf('#') + 1);
        WebElement comment = browser.findElement(By.id(anchor));
        assertThat(comment.getText()).contains("Robin").contains(text);
        assertThat(comment.findElements(By.tagName("b"))).isEmpty();

        browser.get(blog.blog.url() + "/optimized");
        String count = browser.findElement(By.cssSelector("#post-" + TestBlog.POSTS + " .comment-count")).getText();
        assertThat(count).isEqualTo((blog.comments(TestBlog.POSTS)) + " comments");
    }
}
