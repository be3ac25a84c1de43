package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The database invariants hold for the repository's files, and each fails on a copy broken on
 * purpose, with a sentence that names what disagrees.
 */
class DatabaseCrossChecksTest {

    private final Deployment repository = Deployment.fromRepository();
    private final Deployment deployment = repository.copy();
    private final Application application = Application.fromRepository();

    @Test
    void everyDatabaseInvariantHoldsForTheRepository() {
        assertThat(
                DatabaseCrossChecks.paymentsTaskSetsTheDatabaseSettingsPaymentsReads(repository, application),
                is(empty()));
        assertThat(DatabaseCrossChecks.noPasswordInPlainEnvironment(repository), is(empty()));
        assertThat(DatabaseCrossChecks.credentialsComeFromTheKeysOfTheDatabasesManagedSecret(repository), is(empty()));
        assertThat(
                DatabaseCrossChecks.onlyPaymentsExecutionRoleReadsTheDatabaseSecretAndNothingElse(repository),
                is(empty()));
        assertThat(DatabaseCrossChecks.databaseUrlAndSecurityGroupsLeadPaymentsToTheDatabase(repository), is(empty()));
        assertThat(DatabaseCrossChecks.databaseIsPrivateEncryptedAndSnapshottedOnDelete(repository), is(empty()));
        assertThat(DatabaseCrossChecks.sampleDataIsOffInEcs(repository, application), is(empty()));
    }

    @Test
    void settingsCheckFailsOnAMisspeltVariable() {
        secret("PAYMENTS_DB_USER").put("name", "PAYMENTS_DB_USERNAME");

        assertThat(
                DatabaseCrossChecks.paymentsTaskSetsTheDatabaseSettingsPaymentsReads(deployment, application),
                containsInAnyOrder(
                        "payments' task does not set payments.db.user (as PAYMENTS_DB_USER)",
                        "payments' task sets PAYMENTS_DB_USERNAME, but payments reads no payments.db.username"));
    }

    @Test
    void settingsCheckFailsWhenPaymentsGainsADatabaseSettingTheTaskDoesNotSet() {
        Application newSetting =
                application.withYamlReplaced("payments", "\n  db:\n", "\n  db:\n    idle-timeout: PT10M\n");

        assertThat(
                DatabaseCrossChecks.paymentsTaskSetsTheDatabaseSettingsPaymentsReads(deployment, newSetting),
                contains("payments' task does not set payments.db.idle-timeout (as PAYMENTS_DB_IDLE_dash_TIMEOUT)"));
    }

    @Test
    void plainEnvironmentCheckFailsWhenThePasswordIsMovedIntoTheEnvironment() {
        ArrayNode secrets = (ArrayNode) deployment.container("payments").get("secrets");
        secrets.remove(1);
        ((ArrayNode) deployment.container("payments").get("environment"))
                .addObject()
                .put("name", "PAYMENTS_DB_PASSWORD")
                .put("value", "hunter2");

        assertThat(
                DatabaseCrossChecks.noPasswordInPlainEnvironment(deployment),
                contains("payments gets PAYMENTS_DB_PASSWORD in plain environment; it belongs in secrets"));
    }

    @Test
    void secretCheckFailsOnAKeyTheManagedSecretDoesNotHave() {
        secret("PAYMENTS_DB_USER").put("valueFrom", "${PAYMENTS_DB_SECRET_ARN}:user::");

        assertThat(
                DatabaseCrossChecks.credentialsComeFromTheKeysOfTheDatabasesManagedSecret(deployment),
                contains("PAYMENTS_DB_USER reads the key 'user' of the secret, which RDS names 'username'"));
    }

    @Test
    void secretCheckFailsWhenTheSecretIsNotTheDatabases() {
        secret("PAYMENTS_DB_PASSWORD").put("valueFrom", "${PAYMENTS_EXECUTION_ROLE_ARN}:password::");

        assertThat(
                DatabaseCrossChecks.credentialsComeFromTheKeysOfTheDatabasesManagedSecret(deployment),
                contains(containsString(
                        "PAYMENTS_DB_PASSWORD comes from ${PAYMENTS_EXECUTION_ROLE_ARN}, which is not")));
    }

    @Test
    void secretCheckFailsWhenRdsDoesNotManageThePassword() {
        deployment.stack().properties("PaymentsDb").remove("ManageMasterUserPassword");

        assertThat(
                DatabaseCrossChecks.credentialsComeFromTheKeysOfTheDatabasesManagedSecret(deployment),
                contains("PaymentsDb does not set ManageMasterUserPassword: true"));
    }

    @Test
    void roleCheckFailsWhenPaymentsMayReadEverySecret() {
        statement("PaymentsExecutionRole").put("Resource", "*");

        assertThat(
                DatabaseCrossChecks.onlyPaymentsExecutionRoleReadsTheDatabaseSecretAndNothingElse(deployment),
                contains(containsString(
                        "payments's execution role PaymentsExecutionRole may use Secrets Manager on \"*\"")));
    }

    @Test
    void roleCheckFailsWhenProductsMayReadTheDatabaseSecret() {
        deployment
                .stack()
                .properties("ProductsExecutionRole")
                .set(
                        "Policies",
                        deployment
                                .stack()
                                .properties("PaymentsExecutionRole")
                                .get("Policies")
                                .deepCopy());

        assertThat(
                DatabaseCrossChecks.onlyPaymentsExecutionRoleReadsTheDatabaseSecretAndNothingElse(deployment),
                contains(containsString("products's execution role ProductsExecutionRole may use Secrets Manager")));
    }

    @Test
    void urlCheckFailsOnAnotherPort() {
        setPaymentsEnvironment("PAYMENTS_DB_URL", "jdbc:postgresql://${PAYMENTS_DB_ENDPOINT}:5433/payments");

        assertThat(
                DatabaseCrossChecks.databaseUrlAndSecurityGroupsLeadPaymentsToTheDatabase(deployment),
                contains("PAYMENTS_DB_URL uses port 5433, the database listens on 5432"));
    }

    @Test
    void urlCheckFailsOnAnotherDatabaseName() {
        setPaymentsEnvironment("PAYMENTS_DB_URL", "jdbc:postgresql://${PAYMENTS_DB_ENDPOINT}:5432/ledger");

        assertThat(
                DatabaseCrossChecks.databaseUrlAndSecurityGroupsLeadPaymentsToTheDatabase(deployment),
                contains("PAYMENTS_DB_URL names the database ledger, the stack creates 'payments'"));
    }

    @Test
    void urlCheckFailsOnAHostThatIsNotTheDatabasesEndpoint() {
        setPaymentsEnvironment("PAYMENTS_DB_URL", "jdbc:postgresql://${PAYMENTS_ALB_DNS}:5432/payments");

        assertThat(
                DatabaseCrossChecks.databaseUrlAndSecurityGroupsLeadPaymentsToTheDatabase(deployment),
                contains(containsString(
                        "PAYMENTS_DB_URL's host is not the stack's output of PaymentsDb.Endpoint.Address")));
    }

    @Test
    void securityGroupCheckFailsWhenTheDatabaseAdmitsProducts() {
        ((ObjectNode) deployment
                        .stack()
                        .properties("PaymentsDbSecurityGroup")
                        .get("SecurityGroupIngress")
                        .get(0))
                .set(
                        "SourceSecurityGroupId",
                        RepositoryFiles.json("{\"Fn::GetAtt\": [\"ProductsTaskSecurityGroup\", \"GroupId\"]}"));

        assertThat(
                DatabaseCrossChecks.databaseUrlAndSecurityGroupsLeadPaymentsToTheDatabase(deployment),
                contains(
                        containsString(
                                "PaymentsDbSecurityGroup: an ingress rule of PaymentsDbSecurityGroup should admit only the payments tasks' group on 5432")));
    }

    @Test
    void securityGroupCheckFailsWhenTheDatabaseListensOnAnotherPortThanItsGroupAdmits() {
        deployment.stack().properties("PaymentsDb").put("Port", "5433");
        setPaymentsEnvironment("PAYMENTS_DB_URL", "jdbc:postgresql://${PAYMENTS_DB_ENDPOINT}:5433/payments");

        assertThat(
                DatabaseCrossChecks.databaseUrlAndSecurityGroupsLeadPaymentsToTheDatabase(deployment),
                contains(containsString("should admit only the payments tasks' group on 5433")));
    }

    @Test
    void privacyCheckFailsOnAPublicDatabase() {
        deployment.stack().properties("PaymentsDb").put("PubliclyAccessible", true);

        assertThat(
                DatabaseCrossChecks.databaseIsPrivateEncryptedAndSnapshottedOnDelete(deployment),
                contains("PaymentsDb: PubliclyAccessible is not false"));
    }

    @Test
    void privacyCheckFailsOnUnencryptedStorage() {
        deployment.stack().properties("PaymentsDb").remove("StorageEncrypted");

        assertThat(
                DatabaseCrossChecks.databaseIsPrivateEncryptedAndSnapshottedOnDelete(deployment),
                contains("PaymentsDb: StorageEncrypted is not true"));
    }

    @Test
    void privacyCheckFailsWhenDeletingTheStackDeletesTheData() {
        ((ObjectNode) deployment.stack().resource("PaymentsDb")).put("DeletionPolicy", "Delete");

        assertThat(
                DatabaseCrossChecks.databaseIsPrivateEncryptedAndSnapshottedOnDelete(deployment),
                contains("PaymentsDb: DeletionPolicy is Delete, not Snapshot"));
    }

    @Test
    void privacyCheckFailsInThePublicSubnets() {
        ((ObjectNode) deployment.stack().properties("PaymentsDbSubnetGroup").get("SubnetIds"))
                .put("Ref", "PublicSubnetIds");

        assertThat(
                DatabaseCrossChecks.databaseIsPrivateEncryptedAndSnapshottedOnDelete(deployment),
                contains("PaymentsDb: its subnet group PaymentsDbSubnetGroup is not in PrivateSubnetIds"));
    }

    @Test
    void privacyCheckFailsWhenMultiAzIsFixed() {
        deployment.stack().properties("PaymentsDb").put("MultiAZ", false);

        assertThat(
                DatabaseCrossChecks.databaseIsPrivateEncryptedAndSnapshottedOnDelete(deployment),
                hasItem(containsString("PaymentsDb: MultiAZ is not a parameter")));
    }

    @Test
    void sampleDataCheckFailsWhenTheTaskSeedsSampleData() {
        setPaymentsEnvironment("PAYMENTS_STORE_SAMPLE_dash_DATA", "true");

        assertThat(
                DatabaseCrossChecks.sampleDataIsOffInEcs(deployment, application),
                contains("payments' task leaves payments.store.sample-data on"));
    }

    private ObjectNode secret(String name) {
        for (var secret : deployment.container("payments").get("secrets")) {
            if (secret.get("name").asText().equals(name)) {
                return (ObjectNode) secret;
            }
        }
        throw new AssertionError("no secret " + name);
    }

    private ObjectNode statement(String role) {
        return (ObjectNode) deployment
                .stack()
                .properties(role)
                .get("Policies")
                .get(0)
                .get("PolicyDocument")
                .get("Statement")
                .get(0);
    }

    private void setPaymentsEnvironment(String name, String value) {
        deployment.container("payments").get("environment").forEach(variable -> {
            if (variable.get("name").asText().equals(name)) {
                ((ObjectNode) variable).put("value", value);
            }
        });
    }
}
