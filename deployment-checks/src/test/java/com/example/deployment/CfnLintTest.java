package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every CloudFormation template in ecs-task-defs/ passes cfn-lint (resource types, properties and
 * their values, references and attributes, parameters), with no error and no warning; and cfn-lint
 * does catch a template broken on purpose. The invariants' own reading of the template agrees with cfn-lint's.
 */
class CfnLintTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path temp;

    @Test
    void everyTemplatePassesCfnLint() {
        List<Path> templates = templates();
        assertThat("templates in ecs-task-defs/", templates.isEmpty(), is(false));

        Command.Result lint = cfnLint(templates);

        assertThat(lint.output(), lint.exitCode(), is(0));
    }

    /** Each row: a template broken on purpose (one text replaced) and what cfn-lint must report. */
    @ParameterizedTest(name = "cfn-lint rejects {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a property the resource does not have | HealthCheckPath: /observe/health/ready | HealthCheckUrl: /observe/health/ready | :E3002:Additional properties are not allowed ('HealthCheckUrl' was unexpected
            a GetAtt of an attribute the resource does not have | !GetAtt PaymentsAlb.DNSName | !GetAtt PaymentsAlb.DnsName | :E1010:'DnsName' is not one of
            """)
    void cfnLintRejectsATemplateBrokenOnPurpose(String mistake, String target, String replacement, String error)
            throws IOException {
        Path broken = temp.resolve("stack.yaml");
        Files.writeString(broken, JsonEdits.replaced(RepositoryFiles.stackTemplateText(), target, replacement));

        Command.Result lint = cfnLint(List.of(broken));

        // Exit code 2: errors (4 would be warnings only).
        assertThat(lint.exitCode() & 2, is(2));
        assertThat(lint.output(), containsString(error));
    }

    /** The invariants read stack.yaml in Java (deploy.sh's users need no cfn-lint); cfn-lint's decoder reads it the same. */
    @Test
    void invariantsReadTheTemplateAsCfnLintDoes() {
        String decode = "import json, sys; from cfnlint.decode import decode_str;"
                + " template, problems = decode_str(sys.stdin.read());"
                + " sys.exit(str(problems)) if problems else print(json.dumps(template))";
        String template = RepositoryFiles.stackTemplateText();

        Command.Result decoded = Command.run(List.of("python3", "-c", decode), Map.of(), template, TIMEOUT);

        assertThat(decoded.stderr(), decoded.exitCode(), is(0));
        assertThat(CloudFormationTemplate.parse(template).raw(), is(Documents.json(decoded.stdout())));
    }

    private static Command.Result cfnLint(List<Path> templates) {
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable"));
        templates.forEach(template -> command.add(template.toString()));
        return Command.run(command, Map.of(), "", TIMEOUT);
    }

    private static List<Path> templates() {
        try (Stream<Path> files = Files.list(RepositoryFiles.ecsTaskDefs())) {
            return files.filter(file -> file.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
