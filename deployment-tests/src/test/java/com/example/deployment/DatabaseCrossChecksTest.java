package com.example.deployment;

import static com.example.deployment.Invariant.DATABASE_PRIVACY;
import static com.example.deployment.Invariant.DATABASE_ROUTE;
import static com.example.deployment.Invariant.DATABASE_SECRET;
import static com.example.deployment.Invariant.DATABASE_SETTINGS;
import static com.example.deployment.Invariant.NO_PLAIN_PASSWORD;
import static com.example.deployment.Invariant.NO_SAMPLE_DATA;
import static com.example.deployment.Invariant.SECRET_READERS;
import static com.example.deployment.Mutation.addVariable;
import static com.example.deployment.Mutation.getAtt;
import static com.example.deployment.Mutation.setVariable;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each database invariant of {@link DatabaseCrossChecks} fails on a copy of the repository's files
 * broken on purpose, with a sentence that names what disagrees.
 */
class DatabaseCrossChecksTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void invariantReportsTheChange(Mutation mutation) {
        assertThat(mutation.violations(), mutation.reported());
    }

    static Stream<Mutation> mutations() {
        return Stream.of(
                Mutation.of(
                        DATABASE_SETTINGS,
                        "a variable is misspelt",
                        d -> secret(d, "PAYMENTS_DB_USER").put("name", "PAYMENTS_DB_USERNAME"),
                        containsInAnyOrder(
                                "payments' task does not set payments.db.user (as PAYMENTS_DB_USER)",
                                "payments' task sets PAYMENTS_DB_USERNAME, but payments reads no payments.db.username")),
                Mutation.ofYaml(
                        DATABASE_SETTINGS,
                        "payments gains a database setting the task does not set",
                        "payments",
                        "\n  db:\n",
                        "\n  db:\n    idle-timeout: PT10M\n",
                        contains(
                                "payments' task does not set payments.db.idle-timeout (as PAYMENTS_DB_IDLE_dash_TIMEOUT)")),
                Mutation.of(
                        NO_PLAIN_PASSWORD,
                        "the password is moved into the environment",
                        d -> {
                            ((ArrayNode) d.container("payments").get("secrets")).remove(1);
                            addVariable(d, "payments", "PAYMENTS_DB_PASSWORD", "hunter2");
                        },
                        contains("payments gets PAYMENTS_DB_PASSWORD in plain environment; it belongs in secrets")),
                Mutation.of(
                        DATABASE_SECRET,
                        "a key is one the managed secret does not have",
                        d -> secret(d, "PAYMENTS_DB_USER").put("valueFrom", "${PAYMENTS_DB_SECRET_ARN}:user::"),
                        contains("PAYMENTS_DB_USER reads the key 'user' of the secret, which RDS names 'username'")),
                Mutation.of(
                        DATABASE_SECRET,
                        "the secret is not the database's",
                        d -> secret(d, "PAYMENTS_DB_PASSWORD")
                                .put("valueFrom", "${PAYMENTS_EXECUTION_ROLE_ARN}:password::"),
                        contains(containsString(
                                "PAYMENTS_DB_PASSWORD comes from ${PAYMENTS_EXECUTION_ROLE_ARN}, which is not"))),
                Mutation.of(
                        DATABASE_SECRET,
                        "RDS does not manage the password",
                        d -> d.stack().properties("PaymentsDb").remove("ManageMasterUserPassword"),
                        contains("PaymentsDb does not set ManageMasterUserPassword: true")),
                Mutation.of(
                        SECRET_READERS,
                        "payments may read every secret",
                        d -> ((ObjectNode) d.stack()
                                        .properties("PaymentsExecutionRole")
                                        .at("/Policies/0/PolicyDocument/Statement/0"))
                                .put("Resource", "*"),
                        contains(containsString(
                                "payments's execution role PaymentsExecutionRole may use Secrets Manager on \"*\""))),
                Mutation.of(
                        SECRET_READERS,
                        "products may read the database secret",
                        d -> d.stack()
                                .properties("ProductsExecutionRole")
                                .set(
                                        "Policies",
                                        d.stack()
                                                .properties("PaymentsExecutionRole")
                                                .get("Policies")
                                                .deepCopy()),
                        contains(containsString(
                                "products's execution role ProductsExecutionRole may use Secrets Manager"))),
                Mutation.of(
                        DATABASE_ROUTE,
                        "the URL has another port",
                        d -> setUrl(d, "jdbc:postgresql://${PAYMENTS_DB_ENDPOINT}:5433/payments"),
                        contains("PAYMENTS_DB_URL uses port 5433, the database listens on 5432")),
                Mutation.of(
                        DATABASE_ROUTE,
                        "the URL has another database name",
                        d -> setUrl(d, "jdbc:postgresql://${PAYMENTS_DB_ENDPOINT}:5432/ledger"),
                        contains("PAYMENTS_DB_URL names the database ledger, the stack creates 'payments'")),
                Mutation.of(
                        DATABASE_ROUTE,
                        "the URL's host is not the database's endpoint",
                        d -> setUrl(d, "jdbc:postgresql://${PAYMENTS_ALB_DNS}:5432/payments"),
                        contains(containsString(
                                "PAYMENTS_DB_URL's host is not the stack's output of PaymentsDb.Endpoint.Address"))),
                Mutation.of(
                        DATABASE_ROUTE,
                        "the database admits products",
                        d -> ((ObjectNode) d.stack()
                                        .properties("PaymentsDbSecurityGroup")
                                        .at("/SecurityGroupIngress/0"))
                                .set("SourceSecurityGroupId", getAtt("ProductsTaskSecurityGroup", "GroupId")),
                        contains(
                                containsString(
                                        "PaymentsDbSecurityGroup: an ingress rule of PaymentsDbSecurityGroup should admit only the payments tasks' group on 5432"))),
                Mutation.of(
                        DATABASE_ROUTE,
                        "the database listens on another port than its group admits",
                        d -> {
                            d.stack().properties("PaymentsDb").put("Port", "5433");
                            setUrl(d, "jdbc:postgresql://${PAYMENTS_DB_ENDPOINT}:5433/payments");
                        },
                        contains(containsString("should admit only the payments tasks' group on 5433"))),
                Mutation.of(
                        DATABASE_PRIVACY,
                        "the database is public",
                        d -> d.stack().properties("PaymentsDb").put("PubliclyAccessible", true),
                        contains("PaymentsDb: PubliclyAccessible is not false")),
                Mutation.of(
                        DATABASE_PRIVACY,
                        "the storage is not encrypted",
                        d -> d.stack().properties("PaymentsDb").remove("StorageEncrypted"),
                        contains("PaymentsDb: StorageEncrypted is not true")),
                Mutation.of(
                        DATABASE_PRIVACY,
                        "deleting the stack deletes the data",
                        d -> ((ObjectNode) d.stack().resource("PaymentsDb")).put("DeletionPolicy", "Delete"),
                        contains("PaymentsDb: DeletionPolicy is Delete, not Snapshot")),
                Mutation.of(
                        DATABASE_PRIVACY,
                        "the database is in the public subnets",
                        d -> ((ObjectNode) d.stack()
                                        .properties("PaymentsDbSubnetGroup")
                                        .get("SubnetIds"))
                                .put("Ref", "PublicSubnetIds"),
                        contains("PaymentsDb: its subnet group PaymentsDbSubnetGroup is not in PrivateSubnetIds")),
                Mutation.of(
                        DATABASE_PRIVACY,
                        "Multi-AZ is fixed",
                        d -> d.stack().properties("PaymentsDb").put("MultiAZ", false),
                        hasItem(containsString("PaymentsDb: MultiAZ is not a parameter"))),
                Mutation.of(
                        NO_SAMPLE_DATA,
                        "the task seeds sample data",
                        d -> setVariable(d, "payments", "PAYMENTS_STORE_SAMPLE_dash_DATA", "true"),
                        contains("payments' task leaves payments.store.sample-data on")));
    }

    private static ObjectNode secret(Deployment deployment, String name) {
        for (var secret : deployment.container("payments").get("secrets")) {
            if (secret.get("name").asText().equals(name)) {
                return (ObjectNode) secret;
            }
        }
        throw new AssertionError("no secret " + name);
    }

    private static void setUrl(Deployment deployment, String url) {
        setVariable(deployment, "payments", "PAYMENTS_DB_URL", url);
    }
}
