#!/usr/bin/env bash
# Deploys payments and products to ECS on Fargate from the files beside this script, or tears the
# deployment down. It checks every input first (all problems in one message), then writes a plan,
# a plain bash script of aws commands with the documents inline, and runs it; --dry-run prints the
# plan instead, and the printed plan can be run as it is (bash plan.sh).
#
# deploy:   0. before anything changes, two checks:
#              the documents agree with the application: deployment-checks' DeploymentChecks runs every
#              invariant between the files beside this script (and the image poms) and the services'
#              application.yaml of this working copy, edits no CI has seen included, or refuses (exit 4);
#              the contract gate: read the commits that run on the cluster (the services' task definitions'
#              image tags), take their contracts from git, and let contract-gates' DeployOrder pick the
#              order of steps 3 and 4, or refuse (exit 3);
#           1. create or update the CloudFormation stack stack.yaml (both ALBs, security groups,
#              payments.internal, the database, execution roles, log groups) and read its outputs;
#           2. register the task definitions payments-task-def.json and products-task-def.json, and migrate
#              the payments database with a one-off task of the new payments revision;
#           3. create the payments service, or move it to the new revision, and wait until it is stable;
#           4. the same for products (or products in 3 and payments in 4, when the gate says products first);
#              then, with both services in place, register each as a scalable target (its min and max count)
#              with a target-tracking policy on ALBRequestCountPerTarget (payments-scaling-policy.json,
#              products-scaling-policy.json).
# teardown: deregister the services' scalable targets, delete both services, deregister their task definitions, delete the stack (the database
#           leaves a final snapshot).
# Every step can be repeated: after a failure, fix the cause and run the script again.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: deploy.sh [--dry-run] [--no-wait] [--skip-deployment-checks] [--skip-contract-gate] [deploy | teardown]

  --dry-run                 run the deployment checks, print the contract gate's verdict and the plan (a bash
                            script) instead of running it; its only aws calls are the gate's reads of the
                            cluster (describe-services, describe-task-definition), it changes nothing
  --no-wait                 do not wait for the services to become stable (aws ecs wait services-stable)
  --skip-deployment-checks  deploy without checking the documents against the services' application.yaml
                            (logged as a warning)
  --skip-contract-gate      deploy payments first, then products, without checking the new contracts against
                            the versions running on the cluster (logged as a warning)

Exit status: 0 done, 1 an input or a step failed, 2 usage, 3 the contract gate refused, 4 a deployment check
failed: the documents disagree with the application (3 and 4: nothing changed).

The checks run Java (JDK 21+) through ./mvnw in the repository beside this directory; its first run compiles them.

Required environment for deploy (teardown needs only AWS_REGION and ECS_CLUSTER):
  AWS_REGION               e.g. eu-west-1
  AWS_ACCOUNT_ID           12 digits
  ECS_CLUSTER              an existing ECS cluster
  VPC_ID                   the VPC of the tasks, both ALBs and the database
  PRIVATE_SUBNET_1         two private subnets in different Availability Zones (tasks, internal ALB, database)
  PRIVATE_SUBNET_2
  PUBLIC_SUBNET_1          two public subnets in different Availability Zones (the public ALB)
  PUBLIC_SUBNET_2
  CERTIFICATE_ARN          the ACM certificate of products' public name
  PRODUCTS_AUTH_ISSUER     the OpenID Connect issuer of products' tokens (https://...), e.g. a Cognito user pool
  PRODUCTS_AUTH_AUDIENCE   the audience products' tokens must name

Optional environment (defaults in brackets):
  STACK_NAME               [contract-first-ecs]
  IMAGE_TAG                [git rev-parse --short=12 HEAD] the tag pushed to the payments and products ECR repositories
  PRODUCTS_AUTH_JWKS_URI   [$PRODUCTS_AUTH_ISSUER/.well-known/jwks.json]
  PAYMENTS_IMAGE           [$AWS_ACCOUNT_ID.dkr.ecr.$AWS_REGION.amazonaws.com/payments:$IMAGE_TAG]
  PRODUCTS_IMAGE           [$AWS_ACCOUNT_ID.dkr.ecr.$AWS_REGION.amazonaws.com/products:$IMAGE_TAG]
  DB_INSTANCE_CLASS        [db.t4g.micro]
  DB_MULTI_AZ              [true] true or false
  DB_ALLOCATED_STORAGE     [20] GiB, 20 to 65536
  RATE_LIMIT_PER_CALLER    [3000] requests one Authorization header may send in 5 minutes before the WAF answers 429
  ALARM_EMAIL              [none] an e-mail address the alarms notify (through an SNS topic)
  PRODUCTS_P99_SECONDS     [0.1] products' p99 that raises its latency alarm (and rolls a deployment back)
  PAYMENTS_P99_SECONDS     [0.05] the same for payments
  PAYMENTS_MIN_COUNT       [2] the fewest payments tasks auto scaling keeps, 2 to 1000 (two, in two Availability Zones)
  PAYMENTS_MAX_COUNT       [10] the most payments tasks auto scaling starts, PAYMENTS_MIN_COUNT to 1000
  PRODUCTS_MIN_COUNT       [2] the same for products, 1 to 1000
  PRODUCTS_MAX_COUNT       [10]
EOF
}

dry_run=false wait=true action=deploy gate=true checks=true
for arg in "$@"; do
    case $arg in
        --dry-run) dry_run=true ;;
        --no-wait) wait=false ;;
        --skip-deployment-checks) checks=false ;;
        --skip-contract-gate) gate=false ;;
        deploy | teardown) action=$arg ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
# Images are tagged with the commit they were built from (scripts/build-images.sh), so by default this one.
IMAGE_TAG=${IMAGE_TAG:-$(git -C "$here" rev-parse --short=12 HEAD 2>/dev/null || true)}

# --- Inputs: each checked as the template checks its parameter; every problem reported at once. ---
problems=()
# Values end up inside JSON strings and command lines: only characters that need no quoting.
safe='^[A-Za-z0-9._:/@+=,-]+$'
check() {
    local name=$1 pattern=$2 what=$3
    if [[ -z ${!name:-} ]]; then
        problems+=("$name is not set: $what")
    elif ! [[ ${!name} =~ $pattern && ${!name} =~ $safe ]]; then
        problems+=("$name='${!name}' is not $what")
    fi
}

STACK_NAME=${STACK_NAME:-contract-first-ecs}
check AWS_REGION '^[a-z]{2}(-[a-z]+)+-[0-9]$' "an AWS region, such as eu-west-1"
check ECS_CLUSTER '^[A-Za-z0-9_-]{1,255}$' "an ECS cluster name"
check STACK_NAME '^[A-Za-z][A-Za-z0-9-]{0,127}$' "a CloudFormation stack name"
if [[ $action == deploy ]]; then
    PRODUCTS_AUTH_JWKS_URI=${PRODUCTS_AUTH_JWKS_URI:-${PRODUCTS_AUTH_ISSUER:+${PRODUCTS_AUTH_ISSUER%/}/.well-known/jwks.json}}
    DB_INSTANCE_CLASS=${DB_INSTANCE_CLASS:-db.t4g.micro}
    DB_MULTI_AZ=${DB_MULTI_AZ:-true}
    DB_ALLOCATED_STORAGE=${DB_ALLOCATED_STORAGE:-20}
    RATE_LIMIT_PER_CALLER=${RATE_LIMIT_PER_CALLER:-3000}
    ALARM_EMAIL=${ALARM_EMAIL:-}
    PRODUCTS_P99_SECONDS=${PRODUCTS_P99_SECONDS:-0.1}
    PAYMENTS_P99_SECONDS=${PAYMENTS_P99_SECONDS:-0.05}
    PAYMENTS_MIN_COUNT=${PAYMENTS_MIN_COUNT:-2}
    PAYMENTS_MAX_COUNT=${PAYMENTS_MAX_COUNT:-10}
    PRODUCTS_MIN_COUNT=${PRODUCTS_MIN_COUNT:-2}
    PRODUCTS_MAX_COUNT=${PRODUCTS_MAX_COUNT:-10}
    check AWS_ACCOUNT_ID '^[0-9]{12}$' "12 digits"
    check VPC_ID '^vpc-[0-9a-f]{8,17}$' "a VPC id (vpc-...)"
    for subnet in PRIVATE_SUBNET_1 PRIVATE_SUBNET_2 PUBLIC_SUBNET_1 PUBLIC_SUBNET_2; do
        check "$subnet" '^subnet-[0-9a-f]{8,17}$' "a subnet id (subnet-...)"
    done
    # The patterns below are stack.yaml's AllowedPattern, AllowedValues and MinValue/MaxValue.
    check CERTIFICATE_ARN '^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+$' "an ACM certificate ARN"
    check DB_INSTANCE_CLASS '^db\.[a-z0-9]+\.[a-z0-9]+$' "an RDS instance class, such as db.t4g.micro"
    check DB_MULTI_AZ '^(true|false)$' "true or false"
    check DB_ALLOCATED_STORAGE '^[0-9]{2,5}$' "a size in GiB from 20 to 65536"
    if [[ ${DB_ALLOCATED_STORAGE} =~ ^[0-9]{2,5}$ ]] && ((10#$DB_ALLOCATED_STORAGE < 20 || 10#$DB_ALLOCATED_STORAGE > 65536)); then
        problems+=("DB_ALLOCATED_STORAGE='$DB_ALLOCATED_STORAGE' is not a size in GiB from 20 to 65536")
    fi
    check RATE_LIMIT_PER_CALLER '^[0-9]{2,10}$' "a number of requests from 10 to 2000000000"
    if [[ ${RATE_LIMIT_PER_CALLER} =~ ^[0-9]{2,10}$ ]] && ((10#$RATE_LIMIT_PER_CALLER > 2000000000)); then
        problems+=("RATE_LIMIT_PER_CALLER='$RATE_LIMIT_PER_CALLER' is not a number of requests from 10 to 2000000000")
    fi
    [[ -z $ALARM_EMAIL ]] || check ALARM_EMAIL '^[^@ ]+@[^@ ]+$' "an e-mail address"
    check PRODUCTS_P99_SECONDS '^[0-9]+(\.[0-9]+)?$' "seconds, such as 0.1"
    check PAYMENTS_P99_SECONDS '^[0-9]+(\.[0-9]+)?$' "seconds, such as 0.05"
    # Auto scaling's counts: payments keeps two tasks, which Fargate places in the two private subnets' zones.
    counts() {
        local service=$1 lowest=$2 min max
        min=${service}_MIN_COUNT max=${service}_MAX_COUNT
        check "$min" '^[0-9]{1,4}$' "a count from $lowest to 1000"
        check "$max" '^[0-9]{1,4}$' "a count from ${!min} to 1000"
        if [[ ${!min} =~ ^[0-9]{1,4}$ ]] && ((10#${!min} < lowest || 10#${!min} > 1000)); then
            problems+=("$min='${!min}' is not a count from $lowest to 1000")
        elif [[ ${!min} =~ ^[0-9]{1,4}$ && ${!max} =~ ^[0-9]{1,4}$ ]] && ((10#${!max} < 10#${!min} || 10#${!max} > 1000)); then
            problems+=("$max='${!max}' is not a count from ${!min} to 1000")
        fi
    }
    counts PAYMENTS 2
    counts PRODUCTS 1
    check PRODUCTS_AUTH_ISSUER '^https://[^/]+' "an https:// issuer URL"
    check PRODUCTS_AUTH_AUDIENCE '.' "the audience of products' tokens"
    check PRODUCTS_AUTH_JWKS_URI '^https://[^/]+/' "an https:// URL of the issuer's keys"
    check IMAGE_TAG '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$' "an image tag"
    if [[ -n ${PRODUCTS_INGRESS_CIDR:-} ]]; then
        problems+=("PRODUCTS_INGRESS_CIDR is no longer an input: products accepts traffic from the public ALB only (unset it)")
    fi
    if [[ ${AWS_ACCOUNT_ID:-} =~ ^[0-9]{12}$ && ${AWS_REGION:-} =~ ^[a-z0-9-]+$ && ${IMAGE_TAG:-} =~ $safe ]]; then
        registry="${AWS_ACCOUNT_ID}.dkr.ecr.${AWS_REGION}.amazonaws.com"
        PAYMENTS_IMAGE=${PAYMENTS_IMAGE:-${registry}/payments:${IMAGE_TAG}}
        PRODUCTS_IMAGE=${PRODUCTS_IMAGE:-${registry}/products:${IMAGE_TAG}}
        check PAYMENTS_IMAGE '^[^:]+(:[0-9]+)?/[^:]+:[A-Za-z0-9_][A-Za-z0-9_.-]*$' "an image reference with a tag"
        check PRODUCTS_IMAGE '^[^:]+(:[0-9]+)?/[^:]+:[A-Za-z0-9_][A-Za-z0-9_.-]*$' "an image reference with a tag"
    fi
fi
if [[ $action == deploy ]] && ((${#problems[@]} == 0)); then
    # The connections alarm's threshold: what every payments task that can run at once may open (auto scaling's
    # maximum, doubled during a deployment by maximumPercent 200), read from the documents that set them.
    pool=$(sed -n 's/.*"PAYMENTS_DB_POOL_SIZE", "value": "\([0-9]*\)".*/\1/p' "$here/payments-task-def.json")
    max_percent=$(sed -n 's/.*"maximumPercent": \([0-9]*\).*/\1/p' "$here/payments-service.json")
    if [[ $pool =~ ^[0-9]+$ && $max_percent =~ ^[0-9]+$ ]]; then
        DB_CONNECTIONS_ALARM=$((10#$PAYMENTS_MAX_COUNT * pool * max_percent / 100))
    else
        problems+=("cannot read PAYMENTS_DB_POOL_SIZE from payments-task-def.json or maximumPercent from payments-service.json")
    fi
fi
if ((${#problems[@]} > 0)); then
    printf 'deploy.sh: %s\n' "${problems[@]}" >&2
    echo "deploy.sh: nothing was changed (deploy.sh --help lists the inputs)" >&2
    exit 1
fi

# --- The Java checks: deployment-checks' DeploymentChecks and contract-gates' DeployOrder. ---

# Both on their runtime classpaths as Maven resolves them, in one Maven run however many of them run (the first run
# compiles them; service-support is built beside them because contract-gates' tests use its test jar, and
# -Ddeployment-checks.preflight builds deployment-checks without its tests, which need both services built).
java_built=false
build_java_checks() {
    [[ $java_built == false ]] || return 0
    echo "deploy.sh: building the Java checks (./mvnw -pl service-support,contract-gates,deployment-checks)" >&2
    if ! "$root/mvnw" -q -f "$root/pom.xml" -pl service-support,contract-gates,deployment-checks test-compile \
        dependency:build-classpath -Ddeployment-checks.preflight -Dmdep.includeScope=runtime \
        -Dmdep.outputFile=target/runtime.classpath >"$work/maven.log" 2>&1; then
        echo "deploy.sh: the Java checks did not build:" >&2
        cat "$work/maven.log" >&2
        echo "deploy.sh: nothing was changed" >&2
        exit 1
    fi
    java_built=true
}

# Runs a main class of a module (built above) with the JDK that scripts/java-home.sh selects.
run_java() {
    local module=$1
    shift
    (. "$root/scripts/java-home.sh" &&
        "$JAVA_HOME/bin/java" -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider -Dslf4j.internal.verbosity=WARN \
            -cp "$root/$module/target/classes:$(<"$root/$module/target/runtime.classpath")" "$@")
}

# --- The deployment checks: the documents of this working copy against its application; reads files only. ---

deployment_checks() {
    local violations status=0
    echo "deploy.sh: deployment check: the documents in $here against the services' application.yaml" >&2
    build_java_checks
    violations=$(run_java deployment-checks com.example.deployment.DeploymentChecks "$root" 2>"$work/errors") ||
        status=$?
    case $status in
        0) echo "deploy.sh: deployment check: every invariant holds" >&2 ;;
        4)
            printf 'deploy.sh: deployment check: %s\n' "${violations//$'\n'/$'\n'deploy.sh: deployment check: }" >&2
            echo "deploy.sh: nothing was changed (deploy.sh --skip-deployment-checks deploys anyway, at your risk)" >&2
            exit 4
            ;;
        *)
            echo "deploy.sh: deployment check: DeploymentChecks failed (exit $status): $violations$(<"$work/errors")" >&2
            echo "deploy.sh: nothing was changed" >&2
            exit 1
            ;;
    esac
}

if [[ $action == deploy ]]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
if [[ $action == deploy && $checks == true ]]; then
    deployment_checks
elif [[ $action == deploy ]]; then
    echo "deploy.sh: WARNING: --skip-deployment-checks: the deployment checks are skipped; nothing checks the" \
        "documents in $here against the services' application.yaml" >&2
fi

# --- The contract gate: reads the cluster and git, changes nothing. ---

# payments first by default, so that products starts against a healthy payments.
order=(payments products)
verdict=""

# The commit of the image that the ACTIVE service runs, or nothing when the service does not exist.
running_commit() {
    local service=$1 definition image tag
    if ! definition=$(aws ecs describe-services --cluster "$ECS_CLUSTER" --services "$service" \
        --query "services[?status=='ACTIVE'].taskDefinition | [0]" --output text 2>&1); then
        # No cluster yet: nothing runs (the plan fails at step 3, after the stack, as it would without the gate).
        [[ $definition == *ClusterNotFoundException* ]] && return 0
        echo "$definition" >&2
        return 1
    fi
    [[ -n $definition && $definition != None ]] || return 0
    image=$(aws ecs describe-task-definition --task-definition "$definition" \
        --query "taskDefinition.containerDefinitions[?name=='$service'].image | [0]" --output text)
    tag=${image##*:}
    if ! [[ $image == *:* && $tag =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]*$ ]] ||
        ! git -C "$here" rev-parse --verify --quiet "$tag^{commit}" >/dev/null; then
        echo "deploy.sh: contract gate: the running $service ($definition) has image $image, whose tag is not a commit" \
            "of this repository, so its contracts are unknown (git fetch, or deploy with --skip-contract-gate)" >&2
        echo "deploy.sh: nothing was changed" >&2
        exit 1
    fi
    git -C "$here" rev-parse --short=12 "$tag^{commit}"
}

# Writes a contract file of a commit, or of the working tree when the image's tag is not a commit.
contract() {
    local path=$1 image=$2 out=$3 tag=${2##*:}
    if [[ $image == *:* ]] && git -C "$here" rev-parse --verify --quiet "$tag^{commit}" >/dev/null; then
        git -C "$here" show "$tag:$path" >"$out"
    else
        echo "deploy.sh: contract gate: the tag of $image is not a commit; using $path of the working tree" >&2
        cp "$here/../$path" "$out"
    fi
}

contract_gate() {
    local payments products dir=$work decision status=0
    export AWS_REGION AWS_DEFAULT_REGION=$AWS_REGION AWS_PAGER=""
    echo "deploy.sh: contract gate: reading the versions running on cluster $ECS_CLUSTER (read-only)" >&2
    payments=$(running_commit payments)
    products=$(running_commit products)
    if [[ -z $payments && -z $products ]]; then
        verdict="no payments or products service runs on cluster $ECS_CLUSTER: the first deploy needs no check"
        return
    fi
    # A service that does not run is stood in for by its new version: no running version to meet.
    contract contracts/products-payments.json "$PRODUCTS_IMAGE" "$dir/new-pact.json"
    contract api-specs/payments.yaml "$PAYMENTS_IMAGE" "$dir/new-payments.yaml"
    if [[ -n $products ]]; then
        git -C "$here" show "$products:contracts/products-payments.json" >"$dir/running-pact.json"
    else
        cp "$dir/new-pact.json" "$dir/running-pact.json"
    fi
    if [[ -n $payments ]]; then
        git -C "$here" show "$payments:api-specs/payments.yaml" >"$dir/running-payments.yaml"
    else
        cp "$dir/new-payments.yaml" "$dir/running-payments.yaml"
    fi
    echo "deploy.sh: contract gate: running payments ${payments:-(none)}, products ${products:-(none)};" \
        "new payments ${PAYMENTS_IMAGE##*:}, products ${PRODUCTS_IMAGE##*:}" >&2
    if cmp -s "$dir/running-pact.json" "$dir/new-pact.json" && cmp -s "$dir/running-payments.yaml" "$dir/new-payments.yaml"; then
        verdict="order=EITHER: the pact and payments' spec are those that run (the same-commit gates checked them)"
        return
    fi
    build_java_checks
    decision=$(run_java contract-gates com.example.contracts.DeployOrder "$dir/running-pact.json" \
        "$dir/running-payments.yaml" "$dir/new-pact.json" "$dir/new-payments.yaml" 2>"$dir/errors") ||
        status=$?
    verdict=$decision
    case $status:${decision%%$'\n'*} in
        0:order=EITHER | 0:order=PAYMENTS_FIRST) order=(payments products) ;;
        0:order=PRODUCTS_FIRST) order=(products payments) ;;
        3:order=REFUSE)
            printf 'deploy.sh: contract gate: %s\n' "${decision//$'\n'/$'\n'deploy.sh: contract gate: }" >&2
            echo "deploy.sh: nothing was changed (deploy.sh --skip-contract-gate deploys anyway, at your risk)" >&2
            exit 3
            ;;
        *)
            echo "deploy.sh: contract gate: DeployOrder failed (exit $status): $decision$(<"$dir/errors")" >&2
            echo "deploy.sh: nothing was changed" >&2
            exit 1
            ;;
    esac
}

if [[ $action == deploy && $gate == true ]]; then
    contract_gate
elif [[ $action == deploy ]]; then
    verdict="SKIPPED by --skip-contract-gate: the running versions were not checked; payments first, then products"
    echo "deploy.sh: WARNING: --skip-contract-gate: the contract gate is skipped; nothing checks the new contracts" \
        "against the versions running on cluster $ECS_CLUSTER" >&2
fi
if [[ -n $verdict ]]; then
    printf 'deploy.sh: contract gate: %s\n' "${verdict//$'\n'/$'\n'deploy.sh: contract gate: }" >&2
fi

# --- The plan ---

# Values known only while the plan runs: the stack's outputs and the revisions it registers.
runtime_values=(PAYMENTS_TARGET_GROUP_ARN PAYMENTS_SECURITY_GROUP_ID PAYMENTS_EXECUTION_ROLE_ARN
    PAYMENTS_DB_ENDPOINT PAYMENTS_DB_SECRET_ARN PRODUCTS_TARGET_GROUP_ARN PRODUCTS_SECURITY_GROUP_ID
    PRODUCTS_EXECUTION_ROLE_ARN PAYMENTS_TASK_DEFINITION PRODUCTS_TASK_DEFINITION
    PAYMENTS_TASK_ROLE_ARN PRODUCTS_TASK_ROLE_ARN PAYMENTS_ERROR_ALARM PAYMENTS_LATENCY_ALARM
    PRODUCTS_ERROR_ALARM PRODUCTS_LATENCY_ALARM PAYMENTS_SCALING_RESOURCE_LABEL PRODUCTS_SCALING_RESOURCE_LABEL)

# A JSON document of this directory with the inputs filled in; runtime values stay ${NAME} for the
# plan's fill function.
document() {
    local file=$here/$1 text name
    text=$(<"$file")
    while [[ $text =~ \$\{([A-Za-z_][A-Za-z0-9_]*)\} ]]; do
        name=${BASH_REMATCH[1]}
        if [[ " ${runtime_values[*]} " == *" $name "* ]]; then
            text=${text//"\${$name}"/"@@{$name}"}
        elif [[ -n ${!name:-} ]]; then
            text=${text//"\${$name}"/"${!name}"}
        else
            echo "deploy.sh: $1 uses \${$name}, which is neither an input nor a value of the plan" >&2
            exit 1
        fi
    done
    printf '%s\n' "${text//@@\{/\$\{}"
}

plan_header() {
    cat <<EOF
#!/usr/bin/env bash
# $1 plan written by ecs-task-defs/deploy.sh for stack $STACK_NAME and cluster $ECS_CLUSTER in $AWS_REGION.
set -Eeuo pipefail
export AWS_REGION=$AWS_REGION AWS_DEFAULT_REGION=$AWS_REGION AWS_PAGER=""
EOF
    cat <<'EOF'
step="(start)"
trap '((BASH_SUBSHELL > 0)) || echo "$0: failed during step $step; the steps before it are done, and each step is safe to repeat: fix the cause and run it again." >&2' ERR
begin() {
    step=$1
    echo "# $1"
}
# Fills each ${NAME} in a document (standard input) with the value this plan has found for NAME.
fill() {
    local text name
    text=$(cat)
    while [[ $text =~ \$\{([A-Z_0-9]+)\} ]]; do
        name=${BASH_REMATCH[1]}
        [[ -n ${!name:-} ]] || { echo "no value for \${$name}" >&2; return 1; }
        text=${text//"\${$name}"/"${!name}"}
    done
    printf '%s\n' "$text"
}
# True when the ECS service exists and is not deleted.
service_active() {
    [[ $(aws ecs describe-services --cluster "$cluster" --services "$1" \
        --query "length(services[?status=='ACTIVE'])" --output text) == 1 ]]
}
EOF
    echo "cluster=$ECS_CLUSTER stack=$STACK_NAME"
}

plan_stack() {
    cat <<EOF

begin "1/4 stack \$stack: both ALBs, security groups, payments.internal, the database, execution roles, log groups"
template=file://$here/stack.yaml
parameters=(ParameterKey=VpcId,ParameterValue=$VPC_ID
    'ParameterKey=PrivateSubnetIds,ParameterValue=$PRIVATE_SUBNET_1\\,$PRIVATE_SUBNET_2'
    'ParameterKey=PublicSubnetIds,ParameterValue=$PUBLIC_SUBNET_1\\,$PUBLIC_SUBNET_2'
    ParameterKey=CertificateArn,ParameterValue=$CERTIFICATE_ARN
    ParameterKey=DbInstanceClass,ParameterValue=$DB_INSTANCE_CLASS
    ParameterKey=DbMultiAz,ParameterValue=$DB_MULTI_AZ
    ParameterKey=DbAllocatedStorage,ParameterValue=$DB_ALLOCATED_STORAGE
    ParameterKey=RateLimitPerCaller,ParameterValue=$RATE_LIMIT_PER_CALLER
    ParameterKey=AlarmEmail,ParameterValue=$ALARM_EMAIL
    ParameterKey=ProductsP99Seconds,ParameterValue=$PRODUCTS_P99_SECONDS
    ParameterKey=PaymentsP99Seconds,ParameterValue=$PAYMENTS_P99_SECONDS
    ParameterKey=PaymentsDbConnectionsThreshold,ParameterValue=$DB_CONNECTIONS_ALARM)
EOF
    cat <<'EOF'
if ! status=$(aws cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0].StackStatus' --output text 2>&1); then
    [[ $status == *"does not exist"* ]] || { echo "$status" >&2; false; }
    status=NONE
fi
if [[ $status == ROLLBACK_COMPLETE ]]; then
    echo "the stack's first creation failed and was rolled back; deleting the empty stack to create it again"
    aws cloudformation delete-stack --stack-name "$stack"
    aws cloudformation wait stack-delete-complete --stack-name "$stack"
    status=NONE
fi
if [[ $status == NONE ]]; then
    aws cloudformation create-stack --stack-name "$stack" --template-body "$template" \
        --parameters "${parameters[@]}" --capabilities CAPABILITY_IAM --output text
    aws cloudformation wait stack-create-complete --stack-name "$stack"
elif update=$(aws cloudformation update-stack --stack-name "$stack" --template-body "$template" \
        --parameters "${parameters[@]}" --capabilities CAPABILITY_IAM --output text 2>&1); then
    echo "$update"
    aws cloudformation wait stack-update-complete --stack-name "$stack"
else
    [[ $update == *"No updates are to be performed"* ]] || { echo "$update" >&2; false; }
    echo "the stack is up to date"
fi
outputs=$(aws cloudformation describe-stacks --stack-name "$stack" \
    --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text)
output() {
    awk -v key="$1" '$1 == key { print $2 }' <<<"$outputs" | grep . || { echo "the stack has no output $1" >&2; return 1; }
}
PAYMENTS_TARGET_GROUP_ARN=$(output PaymentsTargetGroupArn)
PAYMENTS_SECURITY_GROUP_ID=$(output PaymentsSecurityGroupId)
PAYMENTS_EXECUTION_ROLE_ARN=$(output PaymentsExecutionRoleArn)
PAYMENTS_DB_ENDPOINT=$(output PaymentsDbEndpoint)
PAYMENTS_DB_SECRET_ARN=$(output PaymentsDbSecretArn)
PRODUCTS_TARGET_GROUP_ARN=$(output ProductsTargetGroupArn)
PRODUCTS_SECURITY_GROUP_ID=$(output ProductsSecurityGroupId)
PRODUCTS_EXECUTION_ROLE_ARN=$(output ProductsExecutionRoleArn)
PAYMENTS_TASK_ROLE_ARN=$(output PaymentsTaskRoleArn)
PRODUCTS_TASK_ROLE_ARN=$(output ProductsTaskRoleArn)
PAYMENTS_ERROR_ALARM=$(output PaymentsErrorAlarmName)
PAYMENTS_LATENCY_ALARM=$(output PaymentsLatencyAlarmName)
PRODUCTS_ERROR_ALARM=$(output ProductsErrorAlarmName)
PRODUCTS_LATENCY_ALARM=$(output ProductsLatencyAlarmName)
PAYMENTS_SCALING_RESOURCE_LABEL=$(output PaymentsScalingResourceLabel)
PRODUCTS_SCALING_RESOURCE_LABEL=$(output ProductsScalingResourceLabel)
EOF
}

plan_task_definitions() {
    local service variable
    printf '\nbegin "2/4 task definitions (images %s, %s)"\n' "$PAYMENTS_IMAGE" "$PRODUCTS_IMAGE"
    for service in payments products; do
        variable=${service^^}_TASK_DEFINITION
        printf "document=\$(fill <<'JSON'\n%s\nJSON\n)\n" "$(document "$service-task-def.json")"
        printf '%s=$(aws ecs register-task-definition --cli-input-json "$document" \\\n' "$variable"
        printf '    --query taskDefinition.taskDefinitionArn --output text)\necho "registered $%s"\n' "$variable"
    done
}

# The schema is migrated once per deploy, by a one-off task of the new payments revision, before any
# service moves; the services' tasks only validate it at start (PAYMENTS_DB_MIGRATE=validate in the task
# definition), so a task's start-up runs no migration. Part of step 2: it needs the registered revision.
plan_migration() {
    cat <<EOF

begin "2/4 schema: a one-off payments task migrates the database (PAYMENTS_DB_MIGRATE=migrate-only)"
network='awsvpcConfiguration={subnets=[$PRIVATE_SUBNET_1,$PRIVATE_SUBNET_2],securityGroups=[@@SG],assignPublicIp=DISABLED}'
EOF
    cat <<'EOF'
migration=$(aws ecs run-task --cluster "$cluster" --task-definition "$PAYMENTS_TASK_DEFINITION" \
    --launch-type FARGATE --started-by deploy.sh-migration --network-configuration "${network/@@SG/$PAYMENTS_SECURITY_GROUP_ID}" \
    --overrides '{"containerOverrides":[{"name":"payments","environment":[{"name":"PAYMENTS_DB_MIGRATE","value":"migrate-only"}]}]}' \
    --query 'tasks[0].taskArn' --output text)
aws ecs wait tasks-stopped --cluster "$cluster" --tasks "$migration"
migrated=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$migration" --query 'tasks[0].containers[0].exitCode' --output text)
[[ $migrated == 0 ]] || { echo "the migration task $migration exited with $migrated; its log is in /ecs/payments" >&2; false; }
echo "migrated by $migration"
EOF
}

plan_service() {
    local service=$1 number=$2 variable=${1^^}_TASK_DEFINITION
    printf '\nbegin "%s/4 %s service"\n' "$number" "$service"
    printf 'if service_active %s; then\n' "$service"
    printf '    aws ecs update-service --cluster "$cluster" --service %s --task-definition "$%s" \\\n' "$service" "$variable"
    printf '        --query service.taskDefinition --output text\nelse\n'
    printf "    document=\$(fill <<'JSON'\n%s\nJSON\n)\n" "$(document "$service-service.json")"
    printf '    aws ecs create-service --cli-input-json "$document" --query service.taskDefinition --output text\nfi\n'
    if [[ $wait == true ]]; then
        # Returns once the deployment is steady; fails if the circuit breaker rolled it back.
        printf 'aws ecs wait services-stable --cluster "$cluster" --services %s\n' "$service"
    fi
}

# Auto scaling, once both services exist: each service's desired count between its min and max, driven by
# requests per target (the policy's document). Registering again updates the counts; putting the policy
# again replaces it. Part of step 4: it needs both services.
plan_scaling() {
    local service min max
    printf '\nbegin "4/4 scaling: target tracking on requests per target (payments %s-%s tasks, products %s-%s)"\n' \
        "$PAYMENTS_MIN_COUNT" "$PAYMENTS_MAX_COUNT" "$PRODUCTS_MIN_COUNT" "$PRODUCTS_MAX_COUNT"
    for service in payments products; do
        min=${service^^}_MIN_COUNT max=${service^^}_MAX_COUNT
        printf 'aws application-autoscaling register-scalable-target --service-namespace ecs \\\n'
        printf '    --resource-id "service/$cluster/%s" --scalable-dimension ecs:service:DesiredCount \\\n' "$service"
        printf '    --min-capacity %s --max-capacity %s --output text\n' "${!min}" "${!max}"
        printf "document=\$(fill <<'JSON'\n%s\nJSON\n)\n" "$(document "$service-scaling-policy.json")"
        printf 'aws application-autoscaling put-scaling-policy --cli-input-json "$document" --query PolicyARN --output text\n'
    done
}

plan_teardown() {
    cat <<'EOF'

begin "1/3 services"
deleted=()
for service in products payments; do
    # Auto scaling would otherwise raise the desired count back to its minimum.
    if [[ $(aws application-autoscaling describe-scalable-targets --service-namespace ecs \
        --resource-ids "service/$cluster/$service" --query 'length(ScalableTargets)' --output text) != 0 ]]; then
        aws application-autoscaling deregister-scalable-target --service-namespace ecs \
            --resource-id "service/$cluster/$service" --scalable-dimension ecs:service:DesiredCount
    fi
    if service_active "$service"; then
        aws ecs update-service --cluster "$cluster" --service "$service" --desired-count 0 --query service.status --output text
        aws ecs delete-service --cluster "$cluster" --service "$service" --force --query service.status --output text
        deleted+=("$service")
    fi
done
if ((${#deleted[@]} > 0)); then
    aws ecs wait services-inactive --cluster "$cluster" --services "${deleted[@]}"
fi

begin "2/3 task definitions"
for family in payments products; do
    for arn in $(aws ecs list-task-definitions --family-prefix "$family" --status ACTIVE \
        --query taskDefinitionArns --output text); do
        if [[ $arn == */"$family":* ]]; then
            aws ecs deregister-task-definition --task-definition "$arn" --query taskDefinition.status --output text
        fi
    done
done

begin "3/3 stack $stack (the database leaves a final snapshot)"
aws cloudformation delete-stack --stack-name "$stack"
aws cloudformation wait stack-delete-complete --stack-name "$stack"
echo "# done"
EOF
}

plan() {
    if [[ $action == teardown ]]; then
        plan_header Teardown
        plan_teardown
    else
        plan_header Deploy
        printf '# contract gate: %s\n' "${verdict//$'\n'/$'\n'# contract gate: }"
        plan_stack
        plan_task_definitions
        plan_migration
        plan_service "${order[0]}" 3
        plan_service "${order[1]}" 4
        plan_scaling
        echo 'echo "# done"'
    fi
}

text=$(plan)
if [[ $dry_run == true ]]; then
    printf '%s\n' "$text"
else
    bash -c "$text" "deploy.sh $action"
fi
