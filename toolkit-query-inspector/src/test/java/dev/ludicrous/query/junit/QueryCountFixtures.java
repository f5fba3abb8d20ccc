package dev.ludicrous.query.junit;

import dev.ludicrous.query.H2Database;
import dev.ludicrous.query.QueryInspector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Test classes that the extension's tests run through the JUnit test kit; not run on their own. */
final class QueryCountFixtures {
    private QueryCountFixtures() {
    }

    static String loadAuthors(DataSource dataSource, int count) throws SQLException {
        StringBuilder names = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            for (long id = 1; id <= count; id++) {
                try (PreparedStatement statement = connection.prepareStatement("select name from author where id = ?")) {
                    statement.setLong(1, id);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        names.append(rows.getString(1));
                    }
                }
            }
        }
        return names.toString();
    }

    static class Pinned {
        private static final QueryInspector INSPECTOR = QueryInspector.builder().build();
        private static final DataSource DATA_SOURCE = INSPECTOR.wrap(H2Database.withBlogSchema());

        @BeforeEach
        void setUpIsNotCounted() throws SQLException {
            loadAuthors(DATA_SOURCE, 2);
        }

        @Test
        @ExpectQueries(select = 3)
        void threeSelectsAsExpected() throws SQLException {
            loadAuthors(DATA_SOURCE, 3);
        }

        @Test
        @ExpectQueries(select = 1)
        void fiveSelectsWhereOneWasExpected() throws SQLException {
            loadAuthors(DATA_SOURCE, 5);
        }

        @Test
        @MaxQueries(2)
        void fourStatementsOverAMaximumOfTwo() throws SQLException {
            loadAuthors(DATA_SOURCE, 4);
        }

        @Test
        @NoRepeatedQueries
        void aLoopOfLookups() throws SQLException {
            loadAuthors(DATA_SOURCE, 3);
        }

        @Test
        @ExpectQueries(select = 0)
        void failsOnItsOwn() {
            throw new IllegalStateException("the test's own failure");
        }
    }

    static class OtherThreads {
        private static final QueryInspector INSPECTOR = QueryInspector.builder().build();
        private static final DataSource DATA_SOURCE = INSPECTOR.wrap(H2Database.withBlogSchema());

        private static void onAnotherThread() throws Exception {
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    loadAuthors(DATA_SOURCE, 2);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Test
        @ExpectQueries(select = 2, allThreads = true)
        void countedWhenAllThreadsAreAskedFor() throws Exception {
            onAnotherThread();
        }

        @Test
        @ExpectQueries(select = 0)
        void notCountedOnTheTestThreadAlone() throws Exception {
            onAnotherThread();
        }
    }

    @ExpectQueries(total = 2)
    static class ClassLevel {
        private final QueryInspector inspector = QueryInspector.builder().build();
        private final DataSource dataSource = inspector.wrap(H2Database.withBlogSchema());

        @Test
        void twoStatements() throws SQLException {
            loadAuthors(dataSource, 2);
        }

        @Test
        @ExpectQueries(total = 3)
        void methodAnnotationWins() throws SQLException {
            loadAuthors(dataSource, 3);
        }

        @Nested
        class Inner {
            @Test
            void nestedTestsUseTheOuterInspector() throws SQLException {
                loadAuthors(dataSource, 2);
            }
        }
    }

    static class WithoutInspector {
        @Test
        @ExpectQueries(select = 1)
        void cannotCount() {
        }
    }
}
