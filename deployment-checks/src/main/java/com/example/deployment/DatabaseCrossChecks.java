package com.example.deployment;

import com.example.support.EnvironmentKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invariants between payments, its task definition and its database in the stack: where the
 * JDBC URL points, who may connect, where the credentials come from, and what is kept on delete.
 * Each returns its violations as sentences, as {@link CrossChecks} do.
 */
final class DatabaseCrossChecks {

    static final String DB_INSTANCE = "AWS::RDS::DBInstance";
    /** payments' database settings (fixed for the round; payments' application.yaml may add more). */
    static final List<String> PAYMENTS_DB_KEYS = List.of(
            "payments.db.url",
            "payments.db.user",
            "payments.db.password",
            "payments.db.pool.size",
            "payments.db.connect.timeout");
    /** The JSON keys of the secret that RDS manages for a DB instance's master user. */
    static final Map<String, String> SECRET_KEYS =
            Map.of("payments.db.user", "username", "payments.db.password", "password");

    private static final Pattern JDBC_URL = Pattern.compile("^jdbc:(postgresql://[^/]+/[^?]+)(\\?.*)?$");
    private static final Pattern SECRET_REFERENCE = Pattern.compile("^(\\$\\{[A-Z_0-9]+}):([^:]+)::$");
    private static final Pattern SECRET_WORDS =
            Pattern.compile("(?i).*(password|passwd|secret|token|api_?key|credential).*");

    private DatabaseCrossChecks() {}

    /**
     * payments' task sets every {@code payments.db.*} setting payments reads, and nothing under
     * {@code PAYMENTS_DB_} that payments does not read (a misspelt name would silently fall back).
     */
    static List<String> paymentsTaskSetsTheDatabaseSettingsPaymentsReads(
            Deployment deployment, Application application) {
        List<String> read = application.keysRead("payments", "payments.db", PAYMENTS_DB_KEYS);
        Map<String, String> set = new HashMap<>(deployment.environment("payments"));
        deployment.secrets("payments").forEach(set::put);
        List<String> violations = new ArrayList<>();
        for (String key : read) {
            if (!set.containsKey(EnvironmentKeys.variable(key))) {
                violations.add("payments' task does not set " + key + " (as " + EnvironmentKeys.variable(key) + ")");
            }
        }
        EnvironmentKeys.of(set).keySet().stream()
                .filter(key -> key.startsWith("payments.db.") && !read.contains(key))
                .sorted()
                .forEach(key -> violations.add(
                        "payments' task sets " + EnvironmentKeys.variable(key) + ", but payments reads no " + key));
        return violations;
    }

    /**
     * No password, token or key reaches a service in plain environment: credentials come only from
     * {@code secrets}, and those are references filled at deploy time.
     */
    static List<String> noPasswordInPlainEnvironment(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            deployment.environment(service).keySet().stream()
                    .filter(name -> SECRET_WORDS.matcher(name).matches()
                            || EnvironmentKeys.of(Map.of(name, "")).keySet().stream()
                                    .anyMatch(SECRET_KEYS::containsKey))
                    .forEach(name ->
                            violations.add(service + " gets " + name + " in plain environment; it belongs in secrets"));
            deployment.secrets(service).forEach((name, from) -> {
                if (!from.startsWith("${")) {
                    violations.add(service + "' secret " + name + " is written in the task definition (" + from
                            + "), not a reference filled at deploy time");
                }
            });
        }
        return violations;
    }

    /**
     * The user and password come from the keys {@code username} and {@code password} of the secret
     * that RDS manages for the stack's database ({@code ManageMasterUserPassword}).
     */
    static List<String> credentialsComeFromTheKeysOfTheDatabasesManagedSecret(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        Map<String, String> secrets = deployment.secrets("payments");
        SECRET_KEYS.forEach((key, jsonKey) -> {
            String variable = EnvironmentKeys.variable(key);
            Matcher reference = SECRET_REFERENCE.matcher(secrets.getOrDefault(variable, ""));
            if (!reference.matches()) {
                violations.add(variable + " is not taken from a key of a secret: " + secrets.get(variable));
                return;
            }
            if (!reference.group(2).equals(jsonKey)) {
                violations.add(variable + " reads the key '" + reference.group(2) + "' of the secret, which RDS names '"
                        + jsonKey + "'");
            }
            Optional<JsonNode> output = deployment.outputBehind(reference.group(1));
            if (output.isEmpty() || !isManagedSecretOfTheDatabase(deployment, output.get())) {
                violations.add(variable + " comes from " + reference.group(1)
                        + ", which is not the stack's output of the database's managed secret (GetAtt "
                        + database(deployment) + ".MasterUserSecret.SecretArn)");
            }
        });
        if (!deployment
                .stack()
                .properties(database(deployment))
                .path("ManageMasterUserPassword")
                .asBoolean(false)) {
            violations.add(database(deployment) + " does not set ManageMasterUserPassword: true");
        }
        return violations;
    }

    /** payments' execution role may read the database's secret, and no execution role may read any other. */
    static List<String> onlyPaymentsExecutionRoleReadsTheDatabaseSecretAndNothingElse(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        for (String service : Deployment.SERVICES) {
            String role = deployment
                    .resourceBehind(deployment.tasks().get(service).path("executionRoleArn"))
                    .orElse("?");
            List<JsonNode> reads = deployment
                    .stack()
                    .properties(role)
                    .path("Policies")
                    .valueStream()
                    .flatMap(policy -> policy.at("/PolicyDocument/Statement").valueStream())
                    .filter(statement -> statement.path("Action").toString().contains("secretsmanager:"))
                    .toList();
            for (JsonNode statement : reads) {
                if (!service.equals("payments")
                        || !isManagedSecretOfTheDatabase(deployment, statement.path("Resource"))) {
                    violations.add(service + "'s execution role " + role + " may use Secrets Manager on "
                            + statement.path("Resource") + "; only payments' may, on the database's secret");
                }
            }
            if (service.equals("payments") && reads.isEmpty()) {
                violations.add("payments' execution role " + role + " may not read the database's secret");
            }
        }
        return violations;
    }

    /**
     * PAYMENTS_DB_URL names the stack's database: its engine (PostgreSQL), its endpoint (through a stack
     * output), its port and its database name; and the database's security group admits payments' tasks, only them, on
     * that port.
     */
    static List<String> databaseUrlAndSecurityGroupsLeadPaymentsToTheDatabase(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        String database = database(deployment);
        JsonNode properties = deployment.stack().properties(database);
        int port = properties.path("Port").asInt(5432);
        String url = deployment.environment("payments").getOrDefault("PAYMENTS_DB_URL", "");
        Matcher jdbc = JDBC_URL.matcher(url);
        if (!jdbc.matches()) {
            return List.of("PAYMENTS_DB_URL " + url + " is not a jdbc:postgresql:// URL");
        }
        // The host is a placeholder until deploy time; any valid host name stands in for it here.
        URI uri = URI.create(jdbc.group(1).replaceAll("\\$\\{[A-Z_0-9]+}", "host.invalid"));
        Optional<JsonNode> host = deployment.outputBehind(url);
        if (host.isEmpty()
                || !CloudFormationTemplate.referencedId(host.get()).equals(Optional.of(database))
                || !CloudFormationTemplate.attributeOf(host.get()).equals(Optional.of("Endpoint.Address"))) {
            violations.add(
                    "PAYMENTS_DB_URL's host is not the stack's output of " + database + ".Endpoint.Address: " + url);
        }
        if (!properties.path("Engine").asText().equals("postgres")) {
            violations.add("PAYMENTS_DB_URL is a PostgreSQL URL, but " + database + "'s Engine is "
                    + properties.path("Engine").asText("(none)"));
        }
        if (uri.getPort() != port) {
            violations.add("PAYMENTS_DB_URL uses port " + uri.getPort() + ", the database listens on " + port);
        }
        String name = properties.path("DBName").asText("");
        if (!uri.getPath().equals("/" + name)) {
            violations.add("PAYMENTS_DB_URL names the database " + uri.getPath().substring(1) + ", the stack creates '"
                    + name + "'");
        }
        List<String> groups = new ArrayList<>();
        properties
                .path("VPCSecurityGroups")
                .forEach(group -> CloudFormationTemplate.referencedId(group).ifPresent(groups::add));
        if (groups.isEmpty()) {
            violations.add(database + " has no security group of the stack");
        }
        for (String group : groups) {
            violations.addAll(CrossChecks.admitsOnly(
                    deployment,
                    Optional.of(group),
                    CrossChecks.taskGroup(deployment, "payments").stream().toList(),
                    port,
                    "the payments tasks' group"));
        }
        return violations;
    }

    /**
     * The database is private, encrypted, in the private subnets, Multi-AZ as a parameter says, and
     * leaves a snapshot when it is deleted or replaced.
     */
    static List<String> databaseIsPrivateEncryptedAndSnapshottedOnDelete(Deployment deployment) {
        List<String> violations = new ArrayList<>();
        String database = database(deployment);
        JsonNode resource = deployment.stack().resource(database);
        JsonNode properties = resource.path("Properties");
        if (!properties.path("StorageEncrypted").asBoolean(false)) {
            violations.add(database + ": StorageEncrypted is not true");
        }
        if (properties.path("PubliclyAccessible").asBoolean(true)) {
            violations.add(database + ": PubliclyAccessible is not false");
        }
        for (String policy : List.of("DeletionPolicy", "UpdateReplacePolicy")) {
            if (!resource.path(policy).asText("").equals("Snapshot")) {
                violations.add(database + ": " + policy + " is "
                        + resource.path(policy).asText("(default)") + ", not Snapshot");
            }
        }
        if (!deployment
                .stack()
                .raw()
                .path("Parameters")
                .has(properties.at("/MultiAZ/Ref").asText(""))) {
            violations.add(database + ": MultiAZ is not a parameter: " + properties.path("MultiAZ"));
        }
        String subnetGroup = CloudFormationTemplate.referencedId(properties.path("DBSubnetGroupName"))
                .orElse("?");
        String subnets =
                deployment.stack().properties(subnetGroup).at("/SubnetIds/Ref").asText("");
        if (!subnets.equals("PrivateSubnetIds")) {
            violations.add(database + ": its subnet group " + subnetGroup + " is not in PrivateSubnetIds");
        }
        if (properties.has("MasterUserPassword")) {
            violations.add(database + ": a MasterUserPassword is written in the template");
        }
        return violations;
    }

    /** payments seeds no sample data in ECS (the ledger is the real one). */
    static List<String> sampleDataIsOffInEcs(Deployment deployment, Application application) {
        boolean sampleData = CrossChecks.settings(deployment, application, "payments")
                .get("payments.store.sample.data")
                .asBoolean()
                .orElse(false);
        return sampleData ? List.of("payments' task leaves payments.store.sample.data on") : List.of();
    }

    private static String database(Deployment deployment) {
        Map<String, JsonNode> databases = deployment.stack().resourcesOfType(DB_INSTANCE);
        if (databases.size() != 1) {
            throw new IllegalStateException(
                    "expected one " + DB_INSTANCE + " in the stack, found " + databases.keySet());
        }
        return databases.keySet().iterator().next();
    }

    private static boolean isManagedSecretOfTheDatabase(Deployment deployment, JsonNode value) {
        return CloudFormationTemplate.referencedId(value).equals(Optional.of(database(deployment)))
                && CloudFormationTemplate.attributeOf(value).equals(Optional.of("MasterUserSecret.SecretArn"));
    }
}
