package dev.ludicrous.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlFingerprintTest {

    @Test
    void literalsAndPlaceholdersFoldToOneShape() {
        assertThat(SqlFingerprint.fingerprint("SELECT * FROM post WHERE id = 42 AND title = 'it''s'"))
                .isEqualTo("SELECT * FROM post WHERE id = ? AND title = ?");
        assertThat(SqlFingerprint.fingerprint("select * from post where id=$1"))
                .isEqualTo("select * from post where id=?");
        assertThat(SqlFingerprint.fingerprint("select x from t where a = -1.5e3"))
                .isEqualTo("select x from t where a = -?");
    }

    @Test
    void identifiersWithDigitsAndQuotedNamesAreKept() {
        assertThat(SqlFingerprint.fingerprint("select p1_0.id, \"Order 2\".x from post p1_0, \"Order 2\" where p1_0.v2 = 7"))
                .isEqualTo("select p1_0.id, \"Order 2\".x from post p1_0, \"Order 2\" where p1_0.v2 = ?");
    }

    @Test
    void inListsOfAnyLengthShareAShape() {
        String one = SqlFingerprint.fingerprint("select * from author where id in (?)");
        String three = SqlFingerprint.fingerprint("select * from author where id in (1, 2,3)");
        String many = SqlFingerprint.fingerprint("select * from author where id IN ( ?, ?, ?, ?, ? )");

        assertThat(one).isEqualTo("select * from author where id in (?...)");
        assertThat(three).isEqualTo(one);
        assertThat(many).isEqualTo("select * from author where id IN (?...)");
    }

    @Test
    void valuesRowsFoldIntoOne() {
        assertThat(SqlFingerprint.fingerprint("insert into tag (id, name) values (1, 'a'), (2, 'b'),(3,'c')"))
                .isEqualTo("insert into tag (id, name) values (?...)");
        assertThat(SqlFingerprint.fingerprint("insert into tag (id, name) values (?, ?)"))
                .isEqualTo("insert into tag (id, name) values (?...)");
    }

    @Test
    void commentsAndWhiteSpaceGo() {
        assertThat(SqlFingerprint.fingerprint("/* load Post */ select\n\t  *   from post -- latest\n where  id = ?  "))
                .isEqualTo("select * from post where id = ?");
    }

    @Test
    void functionCallsWithColumnsAreKept() {
        assertThat(SqlFingerprint.fingerprint("select count(c.id), coalesce(p.title, 'none') from post p"))
                .isEqualTo("select count(c.id), coalesce(p.title, ?) from post p");
    }

    @Test
    void aFiftyThousandItemInListFoldsInOnePass() {
        StringBuilder sql = new StringBuilder("select * from post where id in (");
        for (int i = 0; i < 50_000; i++) {
            sql.append(i == 0 ? "" : ", ").append(i);
        }
        sql.append(") and status = 'x'");

        assertThat(SqlFingerprint.fingerprint(sql.toString()))
                .isEqualTo("select * from post where id in (?...) and status = ?");
    }

    @Test
    void aMegabyteOfSqlGivesABoundedFingerprintThatStillTellsStatementsApart() {
        String body = "select " + "a_column, ".repeat(100_000);
        String first = SqlFingerprint.fingerprint(body + "x from t");
        String second = SqlFingerprint.fingerprint(body + "y from t");

        assertThat(first.length()).isLessThan(SqlFingerprint.MAX_LENGTH + 100);
        assertThat(first).contains("chars, #").isNotEqualTo(second);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "select * from post | SELECT",
        "  (select 1) union (select 2) | SELECT",
        "INSERT INTO post (title) VALUES (?) | INSERT",
        "insert into post (title) values ('x') returning id | INSERT",
        "select id from final table (insert into post (title) values (?)) | INSERT",
        "SELECT ID FROM NEW TABLE (UPDATE post SET title = ?) | UPDATE",
        "merge into post key (id) values (?, ?) | INSERT",
        "update post set title = ? where id = ? | UPDATE",
        "delete from post where id = ? | DELETE",
        "with recent as (select * from post) select * from recent | SELECT",
        "WITH gone AS (select id from post) DELETE FROM comment WHERE post_id IN (SELECT id FROM gone) | DELETE",
        "/* hint */ select 1 | SELECT",
        "create table t (id int) | OTHER",
        "call refresh() | OTHER",
        "'' | OTHER",
    })
    void kindIsReadFromTheSql(String sql, StatementKind kind) {
        assertThat(SqlFingerprint.shape(sql).kind()).isEqualTo(kind);
    }
}
