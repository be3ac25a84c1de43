package com.example.localdb;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The local server's own options. That it keeps its rows when started again on the same data
 * directory (as RDS keeps them over a fail-over) is {@code PaymentsDatabaseOutageIT}'s, which reads a
 * payment created before the restart.
 */
class LocalDatabaseTest {

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
}
