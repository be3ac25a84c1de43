package com.example.deployment;

import static org.hamcrest.MatcherAssert.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@link Invariant} fails when broken: a copy of the repository's files with one deliberate
 * change, on either side, is reported with a sentence that names what disagrees. One row per proof
 * (the row format is {@link Mutation}'s).
 */
class CrossChecksMutationTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void invariantReportsTheChange(Mutation mutation) {
        assertThat(mutation.toString(), mutation.violations(), mutation.reported());
    }

    static Stream<Mutation> mutations() {
        return Mutation.table("""
                WEB_ACL | the web ACL guards the internal ALB | /ProductsWebAclAssociation/ResourceArn = {"Ref":"PaymentsAlb"}
                    +~ PaymentsAlb, which is not the internet-facing ALB
                WEB_ACL | no association | remove /Resources/ProductsWebAclAssociation
                    = no web ACL guards the internet-facing ALB
                RATE_LIMIT | the limit is keyed on the source IP | /ProductsWebAcl/Rules/0/Statement/RateBasedStatement/AggregateKeyType = IP
                    = ProductsWebAcl: the rate-based rule is not keyed on the Authorization header alone
                RATE_LIMIT | the limit is fixed | /ProductsWebAcl/Rules/0/Statement/RateBasedStatement/Limit = 1000
                    = ProductsWebAcl: the rate limit is not a parameter
                RATE_LIMIT | over the limit answers 403 | /ProductsWebAcl/Rules/0/Action/Block/CustomResponse/ResponseCode = 403
                    = ProductsWebAcl: the rate-based rule answers 403, not 429
                RATE_LIMIT | no Retry-After | remove /ProductsWebAcl/Rules/0/Action/Block/CustomResponse/ResponseHeaders
                    = ProductsWebAcl: the 429 has no Retry-After in seconds
                RATE_LIMIT | the body's type is not the spec's | /ProductsWebAcl/CustomResponseBodies/RateLimited/Content ~ https://api.example.com/problems/rate-limited => about:blank
                    = ProductsWebAcl: the 429 body's type is 'about:blank', products.yaml lists 'https://api.example.com/problems/rate-limited'
                MANAGED_RULES | the known-bad-inputs group only counts | /ProductsWebAcl/Rules/2/OverrideAction = {"Count":{}}
                    = ProductsWebAcl runs AWSManagedRulesKnownBadInputsRuleSet but overrides its actions (only counting)
                MANAGED_RULES | the common rule set is gone | remove /ProductsWebAcl/Rules/1
                    = ProductsWebAcl does not run AWSManagedRulesCommonRuleSet
                CONTAINER_PORT | the task exposes another port | /payments/portMappings/0/containerPort = 8081
                    = payments: the container port is 8081 but server.port is 5000
                CONTAINER_PORT | the service moves to another port | yaml products port: 8080 => port: 8081
                    = products: the container port is 8080 but server.port is 8081
                CONTAINER_PORT | the task environment overrides the port | env payments SERVER_PORT=5001
                    = payments: the container port is 5000 but server.port is 5001
                PAYMENTS_SETTINGS | the task leaves a payments setting to the local default | unsetenv products PAYMENTS_BREAKER_DELAY
                    = products' task does not set payments.breaker.delay (as PAYMENTS_BREAKER_DELAY)
                PAYMENTS_SETTINGS | products gains a setting the task does not set | yaml products payments:\\n  base: => payments:\\n  retries: 2\\n  base:
                    = products' task does not set payments.retries (as PAYMENTS_RETRIES)
                BASE_URI | products uses another port | env products PAYMENTS_BASE_URI=http://payments.internal:8080
                    ~ uses port 8080 but the ALB listens on 5000
                BASE_URI | products uses a name nothing aliases | env products PAYMENTS_BASE_URI=http://payments.example.internal:5000
                    ~ no record in a private hosted zone aliases payments.example.internal
                BASE_URI | the hosted zone is public | remove /PrivateHostedZone/VPCs
                    ~ no record in a private hosted zone aliases payments.internal
                BASE_URI | the task leaves the local default | unsetenv products PAYMENTS_BASE_URI
                    +~ PAYMENTS_BASE_URI http://localhost:5000: no record
                TIMEOUTS | products waits longer than the ALB keeps idle connections | env products PAYMENTS_READ_TIMEOUT=PT90S
                    ~ products' read timeout (PT1M30S) < the ALB's idle timeout (PT1M)
                TIMEOUTS | payments closes idle connections before the ALB | yaml payments idle-connection-timeout: PT5M => idle-connection-timeout: PT30S
                    ~ < payments' idle-connection timeout (PT30S)
                TIMEOUTS | the ALB idle timeout is raised above payments' keep-alive | /PaymentsAlb/LoadBalancerAttributes/0/Value = 600
                    ~ the ALB's idle timeout (PT10M)
                DRAINING | the deregistration delay outlasts stopTimeout | /PaymentsTargetGroup/TargetGroupAttributes/0/Value = 300
                    = payments: the deregistration delay (300 s) is not shorter than the stopTimeout (30 s)
                DRAINING | stopTimeout is cut | /payments/stopTimeout = 10
                    = payments: the deregistration delay (15 s) is not shorter than the stopTimeout (10 s)
                SHUTDOWN | the grace period outlasts stopTimeout | yaml products shutdown-grace-period: PT20S => shutdown-grace-period: PT45S
                    = products: server.shutdown-grace-period PT45S is not shorter than stopTimeout PT30S
                SHUTDOWN | stopTimeout falls back to the default, below the grace period | remove /payments/stopTimeout ; env payments SERVER_SHUTDOWN_dash_GRACE_dash_PERIOD=PT40S
                    = payments: server.shutdown-grace-period PT40S is not shorter than stopTimeout PT30S
                ALB_SCHEMES | payments' ALB faces the internet | /PaymentsAlb/Scheme = internet-facing
                    = payments's ALB PaymentsAlb has Scheme internet-facing
                ALB_SCHEMES | payments' scheme is left to CloudFormation's default | remove /PaymentsAlb/Scheme
                    = payments's ALB PaymentsAlb has Scheme internet-facing
                ALB_SCHEMES | the public entry is internal | /ProductsAlb/Scheme = internal
                    = products's ALB ProductsAlb has Scheme internal
                OPEN_TO_THE_WORLD | an ingress rule of the internal ALB is open to every IPv4 address | /PaymentsAlbSecurityGroup/SecurityGroupIngress/- = {"IpProtocol":"tcp","FromPort":5000,"ToPort":5000,"CidrIp":"0.0.0.0/0"}
                    ~ PaymentsAlbSecurityGroup: a rule of PaymentsAlbSecurityGroup is open to 0.0.0.0/0
                OPEN_TO_THE_WORLD | a separate ingress resource is open to every IPv6 address | remove /PaymentsTaskIngressFromAlb/SourceSecurityGroupId ; /PaymentsTaskIngressFromAlb/CidrIpv6 = ::/0
                    ~ PaymentsTaskIngressFromAlb: a rule of PaymentsTaskSecurityGroup is open to ::/0
                OPEN_TO_THE_WORLD | the public ALB is open on a port it does not listen on | /ProductsAlbSecurityGroup/SecurityGroupIngress/1/FromPort = 8080 ; /ProductsAlbSecurityGroup/SecurityGroupIngress/1/ToPort = 8080
                    ~ ProductsAlbSecurityGroup: a rule of ProductsAlbSecurityGroup is open to 0.0.0.0/0
                PUBLIC_CHAIN | products admits the internet directly | remove /ProductsTaskIngressFromAlb/SourceSecurityGroupId ; /ProductsTaskIngressFromAlb/CidrIp = 0.0.0.0/0
                    ~ ProductsTaskIngressFromAlb: an ingress rule of ProductsTaskSecurityGroup should admit only the public ALB's group on 8080
                PUBLIC_CHAIN | products admits the ALB on another port | /ProductsTaskIngressFromAlb/ToPort = 8090
                    ~ should admit only the public ALB's group on 8080
                INTERNAL_CHAIN | payments admits the products tasks directly | /PaymentsTaskIngressFromAlb/SourceSecurityGroupId = {"Fn::GetAtt":["ProductsTaskSecurityGroup","GroupId"]}
                    ~ PaymentsTaskIngressFromAlb: an ingress rule of PaymentsTaskSecurityGroup should admit only the internal ALB's group on 5000
                INTERNAL_CHAIN | the ALB admits another port | /PaymentsAlbSecurityGroup/SecurityGroupIngress/0/ToPort = 5010
                    ~ PaymentsAlbSecurityGroup: an ingress rule of PaymentsAlbSecurityGroup should admit only the products tasks' group on 5000
                INTERNAL_CHAIN | the products service uses another stack output | /services/products/networkConfiguration/awsvpcConfiguration/securityGroups/0 = ${PAYMENTS_SECURITY_GROUP_ID}
                    +~ PaymentsAlbSecurityGroup: an ingress rule of PaymentsAlbSecurityGroup should admit only the products tasks' group on 5000
                TARGET_GROUPS | the service registers another port | /services/payments/loadBalancers/0/containerPort = 8080
                    = payments: the service registers port 8080, the container listens on 5000
                TARGET_GROUPS | the service names another container | /services/payments/loadBalancers/0/containerName = app
                    ~ payments: the service names container "app"
                TARGET_GROUPS | the target group sends to another port | /PaymentsTargetGroup/Port = 80
                    = payments: the target group's port 80 is not the container port 5000
                TARGET_GROUPS | products registers with the internal target group | /services/products/loadBalancers/0/targetGroupArn = ${PAYMENTS_TARGET_GROUP_ARN} ; /services/products/loadBalancers/0/containerPort = 8080
                    = products: the target group's port 5000 is not the container port 8080
                GRACE_PERIOD | ECS gives up before the task can be healthy | /services/payments/healthCheckGracePeriodSeconds = 10
                    = payments: healthCheckGracePeriodSeconds 10 is shorter than the 20 s the target group needs to find a task healthy
                HTTPS | the TLS policy is old | /ProductsHttpsListener/SslPolicy = ELBSecurityPolicy-2016-08
                    ~ ProductsHttpsListener: the HTTPS listener's SslPolicy ELBSecurityPolicy-2016-08
                HTTPS | HTTP is forwarded instead of redirected | /ProductsHttpListener/DefaultActions/0 = {"Type":"forward","TargetGroupArn":"x"}
                    ~ ProductsHttpListener: the HTTP listener on port 80 does not redirect to HTTPS
                HTTPS | the certificate is written into the template | /ProductsHttpsListener/Certificates/0/CertificateArn = arn:aws:acm:eu-west-1:123456789012:certificate/x
                    ~ the HTTPS listener's certificate "arn:aws:acm
                METRICS_NOT_PUBLIC | the rule covers another path | /ProductsMetricsNotPublic/Conditions/0/PathPatternConfig/Values = ["/metrics*"]
                    = ProductsHttpsListener forwards /observe/metrics to products: no rule answers it with 404
                    = ProductsHttpsListener forwards /observe/metrics/prometheus to products: no rule answers it with 404
                METRICS_NOT_PUBLIC | the rule forwards | /ProductsMetricsNotPublic/Actions/0/Type = forward
                    += ProductsHttpsListener forwards /observe/metrics to products: no rule answers it with 404
                METRICS_NOT_PUBLIC | products moves its metrics (the check follows) | yaml products         metrics:\\n =>         metrics:\\n          endpoint: /internal/metrics\\n
                    += ProductsHttpsListener forwards /internal/metrics to products: no rule answers it with 404
                AUTH_SETTINGS | the task leaves out the audience | unsetenv products PRODUCTS_AUTH_AUDIENCE
                    = products' task does not set products.auth.audience (as PRODUCTS_AUTH_AUDIENCE)
                AUTH_SETTINGS | an issuer comes from an unchecked input | env products PRODUCTS_AUTH_ISSUER=${ISSUER}
                    = products' PRODUCTS_AUTH_ISSUER comes from ISSUER, which deploy.sh does not check
                LOG_GROUPS | a task logs to a group the stack does not create | /products/logConfiguration/options/awslogs-group = /ecs/product
                    ~ products logs to /ecs/product, which the stack does not create
                NON_ROOT_USER | the task runs as root | /payments/user = 0:0
                    ~ payments: the task runs as '0:0', the image as '10001:10001'
                NON_ROOT_USER | the image runs as another user | image products 1000:1000 products/pom.xml (jib-maven-plugin)
                    = products: the task runs as '10001:10001', the image as '1000:1000' (products/pom.xml (jib-maven-plugin)); both must be the same non-root uid:gid
                CONTAINER_HEALTH_CHECK_PORT | it probes another port | /products/healthCheck/command/3 ~ 127.0.0.1/8080 => 127.0.0.1/5000
                    ~ products: the container health check HealthCheckTarget[port=5000
                TRACE_COLLECTOR | the collector is essential | /tasks/payments/containerDefinitions/1/essential = true
                    = payments' collector is essential: its failure would stop the service
                TRACE_COLLECTOR | the collector has no health check | remove /tasks/products/containerDefinitions/1/healthCheck
                    = products' collector has no health check
                TRACE_COLLECTOR | the collector takes half the task | /tasks/products/containerDefinitions/1/memory = 512
                    ~ products' collector takes cpu 64 and memory 512 MiB
                TRACE_COLLECTOR | the collector exports traces nowhere | /tasks/payments/containerDefinitions/1/environment/0/value ~ exporters: [awsxray] => exporters: [debug]
                    ~ payments' collector has no traces pipeline from otlp to awsxray
                TRACE_ENDPOINT | products exports to the collector's gRPC port | env products OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317
                    = products exports to OTEL_EXPORTER_OTLP_ENDPOINT 'http://127.0.0.1:4317', its collector receives OTLP/HTTP on 127.0.0.1:4318
                TRACE_ENDPOINT | the collector moves to another port | /tasks/payments/containerDefinitions/1/environment/0/value ~ 127.0.0.1:4318 => 127.0.0.1:4319
                    = payments exports to OTEL_EXPORTER_OTLP_ENDPOINT 'http://127.0.0.1:4318', its collector receives OTLP/HTTP on 127.0.0.1:4319
                TRACE_ENDPOINT | payments sends gRPC | env payments OTEL_EXPORTER_OTLP_PROTOCOL=grpc
                    = payments sends OTLP as grpc; the collector receives http/protobuf
                TRACE_SAMPLING | products samples every request | env products OTEL_TRACES_SAMPLER=always_on
                    ~ products' OTEL_TRACES_SAMPLER is always_on
                TRACE_SAMPLING | the ratio is not a ratio | env payments OTEL_TRACES_SAMPLER_ARG=10
                    = payments' OTEL_TRACES_SAMPLER_ARG is '10'; a ratio in (0, 1] is needed
                TASK_ROLES | payments' task role may also read S3 | /PaymentsTaskRole/Policies/0/PolicyDocument/Statement/0/Action/- = s3:GetObject
                    = payments' task role PaymentsTaskRole may s3:GetObject; it may only [xray:PutTelemetryRecords, xray:PutTraceSegments]
                TASK_ROLES | products' task role gets a managed policy | /ProductsTaskRole/ManagedPolicyArns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
                    ~ products' task role ProductsTaskRole has managed policies
                TASK_ROLES | products runs with its execution role | /tasks/products/taskRoleArn = ${PRODUCTS_EXECUTION_ROLE_ARN}
                    += products' task role is its execution role ProductsExecutionRole
                ROLLBACK_ALARMS | payments rolls back on products' alarm | /services/payments/deploymentConfiguration/alarms/alarmNames/1 = ${PRODUCTS_LATENCY_ALARM}
                    = payments' deployments roll back on [PaymentsAlb5xxAlarm, ProductsLatencyAlarm], not on [PaymentsAlb5xxAlarm, PaymentsLatencyAlarm]
                ROLLBACK_ALARMS | products' alarms only notify | /services/products/deploymentConfiguration/alarms/rollback = false
                    ~ products' deployments do not roll back on alarms
                CIRCUIT_ALARM | the circuit alarm watches another namespace | /ProductsPaymentsCircuitOpenAlarm/Namespace = ContractFirst
                    ~ no alarm fires on ContractFirstEcs PaymentsCircuitOpen
                CIRCUIT_ALARM | the circuit alarm watches payments | /ProductsPaymentsCircuitOpenAlarm/Dimensions/0/Value = payments
                    ~ Service=products >= 1
                SCALING_METRIC | payments scales on products' requests | /scaling/payments/TargetTrackingScalingPolicyConfiguration/PredefinedMetricSpecification/ResourceLabel = ${PRODUCTS_SCALING_RESOURCE_LABEL}
                    = payments' scaling counts the requests of ProductsAlb/ProductsTargetGroup, not of its own PaymentsAlb/PaymentsTargetGroup
                SCALING_METRIC | the label's output names the other service's target group | /Outputs/ProductsScalingResourceLabel/Value = {"Fn::Sub":"${ProductsAlb.LoadBalancerFullName}/${PaymentsTargetGroup.TargetGroupFullName}"}
                    = products' scaling counts the requests of ProductsAlb/PaymentsTargetGroup, not of its own ProductsAlb/ProductsTargetGroup
                SCALING_METRIC | products scales on CPU | /scaling/products/TargetTrackingScalingPolicyConfiguration/PredefinedMetricSpecification/PredefinedMetricType = ECSServiceAverageCPUUtilization
                    ~ products' scaling does not track ALBRequestCountPerTarget
                SCALING_METRIC | payments' policy scales products | /scaling/payments/ResourceId = service/${ECS_CLUSTER}/products
                    ~ payments' scaling policy scales service/${ECS_CLUSTER}/products
                SCALING_FLOOR | payments' tasks go to one subnet | remove /services/payments/networkConfiguration/awsvpcConfiguration/subnets/1
                    = payments' tasks are placed in [${PRIVATE_SUBNET_1}], not in both private subnets (two Availability Zones)
                DATABASE_SETTINGS | a variable is misspelt | /payments/secrets/0/name = PAYMENTS_DB_USERNAME
                    = payments' task does not set payments.db.user (as PAYMENTS_DB_USER)
                    = payments' task sets PAYMENTS_DB_USERNAME, but payments reads no payments.db.username
                DATABASE_SETTINGS | payments gains a database setting the task does not set | yaml payments \\n  db:\\n => \\n  db:\\n    idle-timeout: PT10M\\n
                    = payments' task does not set payments.db.idle-timeout (as PAYMENTS_DB_IDLE_dash_TIMEOUT)
                NO_PLAIN_PASSWORD | the password is moved into the environment | remove /payments/secrets/1 ; env payments PAYMENTS_DB_PASSWORD=hunter2
                    = payments gets PAYMENTS_DB_PASSWORD in plain environment; it belongs in secrets
                NO_PLAIN_PASSWORD | products gets a token in its environment | env products PRODUCTS_API_TOKEN=abc
                    = products gets PRODUCTS_API_TOKEN in plain environment; it belongs in secrets
                NO_PLAIN_PASSWORD | a secret is written into the task definition | /payments/secrets/0/valueFrom = arn:aws:secretsmanager:eu-west-1:123456789012:secret:db
                    = payments' secret PAYMENTS_DB_USER is written in the task definition (arn:aws:secretsmanager:eu-west-1:123456789012:secret:db), not a reference filled at deploy time
                DATABASE_SECRET | a key is one the managed secret does not have | /payments/secrets/0/valueFrom = ${PAYMENTS_DB_SECRET_ARN}:user::
                    = PAYMENTS_DB_USER reads the key 'user' of the secret, which RDS names 'username'
                DATABASE_SECRET | the secret is not the database's | /payments/secrets/1/valueFrom = ${PAYMENTS_EXECUTION_ROLE_ARN}:password::
                    ~ PAYMENTS_DB_PASSWORD comes from ${PAYMENTS_EXECUTION_ROLE_ARN}, which is not
                DATABASE_SECRET | RDS does not manage the password | remove /PaymentsDb/ManageMasterUserPassword
                    = PaymentsDb does not set ManageMasterUserPassword: true
                SECRET_READERS | payments may read every secret | /PaymentsExecutionRole/Policies/0/PolicyDocument/Statement/0/Resource = *
                    ~ payments's execution role PaymentsExecutionRole may use Secrets Manager on "*"
                SECRET_READERS | products may read the database secret | /ProductsExecutionRole/Policies = @/PaymentsExecutionRole/Policies
                    ~ products's execution role ProductsExecutionRole may use Secrets Manager
                DATABASE_ROUTE | the URL has another port | env payments PAYMENTS_DB_URL=jdbc:postgresql://${PAYMENTS_DB_ENDPOINT}:5433/payments
                    = PAYMENTS_DB_URL uses port 5433, the database listens on 5432
                DATABASE_ROUTE | the URL has another database name | env payments PAYMENTS_DB_URL=jdbc:postgresql://${PAYMENTS_DB_ENDPOINT}:5432/ledger
                    = PAYMENTS_DB_URL names the database ledger, the stack creates 'payments'
                DATABASE_ROUTE | the URL's host is not the database's endpoint | env payments PAYMENTS_DB_URL=jdbc:postgresql://${PAYMENTS_ALB_DNS}:5432/payments
                    ~ PAYMENTS_DB_URL's host is not the stack's output of PaymentsDb.Endpoint.Address
                DATABASE_ROUTE | the database admits products | /PaymentsDbSecurityGroup/SecurityGroupIngress/0/SourceSecurityGroupId = {"Fn::GetAtt":["ProductsTaskSecurityGroup","GroupId"]}
                    ~ PaymentsDbSecurityGroup: an ingress rule of PaymentsDbSecurityGroup should admit only the payments tasks' group on 5432
                DATABASE_ROUTE | the database listens on another port than its group admits | /PaymentsDb/Port = "5433" ; env payments PAYMENTS_DB_URL=jdbc:postgresql://${PAYMENTS_DB_ENDPOINT}:5433/payments
                    ~ should admit only the payments tasks' group on 5433
                DATABASE_ROUTE | the database is another engine | /PaymentsDb/Engine = mysql
                    = PAYMENTS_DB_URL is a PostgreSQL URL, but PaymentsDb's Engine is mysql
                DATABASE_PRIVACY | the database is public | /PaymentsDb/PubliclyAccessible = true
                    = PaymentsDb: PubliclyAccessible is not false
                DATABASE_PRIVACY | the storage is not encrypted | remove /PaymentsDb/StorageEncrypted
                    = PaymentsDb: StorageEncrypted is not true
                DATABASE_PRIVACY | deleting the stack deletes the data | /Resources/PaymentsDb/DeletionPolicy = Delete
                    = PaymentsDb: DeletionPolicy is Delete, not Snapshot
                DATABASE_PRIVACY | the database is in the public subnets | /PaymentsDbSubnetGroup/SubnetIds/Ref = PublicSubnetIds
                    = PaymentsDb: its subnet group PaymentsDbSubnetGroup is not in PrivateSubnetIds
                DATABASE_PRIVACY | Multi-AZ is fixed | /PaymentsDb/MultiAZ = false
                    +~ PaymentsDb: MultiAZ is not a parameter
                NO_SAMPLE_DATA | the task seeds sample data | env payments PAYMENTS_STORE_SAMPLE_DATA=true
                    = payments' task leaves payments.store.sample.data on
                NO_PACT_STATES | the task serves the provider-state endpoint | env payments PAYMENTS_PACT_STATES=true
                    ~ payments' task turns payments.pact.states on
                NO_PACT_STATES | application.yaml turns the provider-state endpoint on by default | yaml payments     states: false =>     states: true
                    ~ payments' task turns payments.pact.states on
                NO_PACT_STATES_IN_THE_IMAGE | payments' image sets the environment variable | build payments/pom.xml <user>10001:10001</user> => <user>10001:10001</user><environment><PAYMENTS_PACT_STATES>true</PAYMENTS_PACT_STATES></environment>
                    = payments/pom.xml (jib <environment>) sets PAYMENTS_PACT_STATES=true: the image would serve the provider-state endpoint
                NO_PACT_STATES_IN_THE_IMAGE | payments' image passes the system property | build payments/pom.xml <user>10001:10001</user> => <user>10001:10001</user><jvmFlags><jvmFlag>-Dpayments.pact.states=true</jvmFlag></jvmFlags>
                    = payments/pom.xml (jib <jvmFlag>) sets payments.pact.states=true: the image would serve the provider-state endpoint
                NO_PACT_STATES_IN_THE_IMAGE | the JVM options file sets the system property | build service-support/src/main/jvm/jvm.options -Xmx => -Dpayments.pact.states=yes\\n-Xmx
                    = service-support/src/main/jvm/jvm.options sets payments.pact.states=yes: the image would serve the provider-state endpoint
                """);
    }
}
