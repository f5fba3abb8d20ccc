package dev.ludicrous.query.docs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The guide's running example: a homepage listing posts with their authors, the slow way or the fast way. */
final class Homepage {
    private final DataSource dataSource;
    private final boolean joined;

    Homepage(DataSource dataSource, boolean joined) {
        this.dataSource = dataSource;
        this.joined = joined;
    }

    String render() throws SQLException {
        StringBuilder page = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (joined) {
                try (ResultSet rows = statement.executeQuery(
                        "select p.title, a.name from post p join author a on a.id = p.author_id order by p.id")) {
                    while (rows.next()) {
                        page.append(rows.getString(1)).append(" by ").append(rows.getString(2)).append('\n');
                    }
                }
                return page.toString();
            }
            try (ResultSet rows = statement.executeQuery("select title, author_id from post order by id");
                    PreparedStatement author = connection.prepareStatement("select name from author where id = ?")) {
                while (rows.next()) {
                    author.setLong(1, rows.getLong(2));
                    try (ResultSet name = author.executeQuery()) {
                        name.next();
                        page.append(rows.getString(1)).append(" by ").append(name.getString(1)).append('\n');
                    }
                }
            }
        }
        return page.toString();
    }
}
