package com.example.localdb;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDatabaseTest {

    @Test
    void keepsRowsWhenStartedAgainOnTheSameDataDirectory(@TempDir Path dataDirectory) throws SQLException {
        int port;
        String url;
        try (LocalDatabase database = LocalDatabase.start(dataDirectory, 0)) {
            port = database.port();
            url = database.createDatabase("kept");
            execute(url, "CREATE TABLE note (text text); INSERT INTO note VALUES ('still here')");
        }

        try (LocalDatabase again = LocalDatabase.start(dataDirectory, port)) {
            try (Connection connection = DriverManager.getConnection(again.jdbcUrl("kept"), LocalDatabase.USER, "");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT text FROM note")) {
                assertThat(rows.next(), is(true));
                assertThat(rows.getString(1), is("still here"));
            }
        }
    }

    @Test
    void admitsAContainerNetworkBesideLocalhostWhenAsked() throws SQLException {
        try (LocalDatabase database = LocalDatabase.startThrowaway("10.88.0.0/16");
                Connection connection = DriverManager.getConnection(database.jdbcUrl(), LocalDatabase.USER, "");
                Statement statement = connection.createStatement()) {
            try (ResultSet listen = statement.executeQuery("SHOW listen_addresses")) {
                assertThat(listen.next(), is(true));
                assertThat(listen.getString(1), is("*"));
            }
            try (ResultSet rules = statement.executeQuery(
                    "SELECT count(*) FROM pg_hba_file_rules WHERE address = '10.88.0.0' AND netmask = '255.255.0.0'"
                            + " AND auth_method = 'trust' AND error IS NULL")) {
                assertThat(rules.next(), is(true));
                assertThat(rules.getInt(1), is(1));
            }
        }
    }

    @Test
    void refusesAContainerNetworkThatIsNotACidr() {
        assertThrows(IllegalArgumentException.class, () -> LocalDatabase.startThrowaway("10.88.0.0/16 trust"));
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, LocalDatabase.USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
