package dev.ludicrous.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.query.H2Database;
import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.QueryReport;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueryInspectorFilterTest {
    private final List<QueryReport> reports = new CopyOnWriteArrayList<>();
    private final List<Object> countsSeenOutside = new CopyOnWriteArrayList<>();
    private final QueryInspector inspector = QueryInspector.builder().reporter(reports::add).build();
    private final DataSource dataSource = inspector.wrap(H2Database.withBlogSchema());
    private Server server;

    /** Looks up as many authors as the {@code n} parameter says, one query each. */
    private final class AuthorsServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            int n = Integer.parseInt(request.getParameter("n"));
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement("select name from author where id = ?")) {
                for (int id = 1; id <= n; id++) {
                    statement.setLong(1, id);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                    }
                }
            } catch (SQLException e) {
                throw new IOException(e);
            }
            response.getWriter().write("ok");
        }
    }

    private URI start(QueryInspectorFilter filter) throws Exception {
        server = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder((request, response, chain) -> {
            chain.doFilter(request, response);
            countsSeenOutside.add(request.getAttribute(QueryInspectorFilter.COUNT_ATTRIBUTE));
        }), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new AuthorsServlet()), "/authors");
        server.setHandler(context);
        server.start();
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachRequestGetsItsOwnReportAndOuterFiltersSeeTheCount() throws Exception {
        URI base = start(QueryInspectorFilter.builder(inspector).build());

        get(base.resolve("/authors?n=3"));
        get(base.resolve("/authors?n=1"));

        assertThat(reports).extracting(QueryReport::scopeName).containsExactly("GET /authors", "GET /authors");
        assertThat(reports).extracting(QueryReport::count).containsExactly(3L, 1L);
        assertThat(reports.get(0).similarGroups()).hasSize(1);
        assertThat(countsSeenOutside).containsExactly(3L, 1L);
    }

    @Test
    void serverTimingIsSentOnlyWhenEnabled() throws Exception {
        URI base = start(QueryInspectorFilter.builder(inspector).build());
        assertThat(get(base.resolve("/authors?n=2")).headers().allValues("Server-Timing")).isEmpty();
        stop();

        base = start(QueryInspectorFilter.builder(inspector).serverTiming(true).build());
        HttpResponse<String> response = get(base.resolve("/authors?n=2"));

        assertThat(response.body()).isEqualTo("ok");
        assertThat(response.headers().allValues("Server-Timing")).singleElement()
                .satisfies(value -> assertThat(value).matches("db;dur=\\d+\\.\\d;desc=\"2 queries\""));
    }

    @Test
    void scopeNamesCanBeChosenAndQueryStringsAreNotInTheDefault() throws Exception {
        URI base = start(QueryInspectorFilter.builder(inspector).scopeName(request -> "authors page").build());
        get(base.resolve("/authors?n=1&token=secret"));
        stop();
        base = start(QueryInspectorFilter.builder(inspector).build());
        get(base.resolve("/authors?n=1&token=secret"));

        assertThat(reports).extracting(QueryReport::scopeName).containsExactly("authors page", "GET /authors");
    }
}
