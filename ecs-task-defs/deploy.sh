#!/usr/bin/env bash
# Deploys payments and products to ECS on Fargate behind the internal ALB, from the files beside
# this script, in this order:
#   1. create or update the CloudFormation stack alb.yaml (internal ALB, security groups,
#      payments.internal, log groups) and read its outputs;
#   2. register the task definitions payments-task-def.json and products-task-def.json;
#   3. create (or update) the payments service and wait until it is stable, then the same for products.
# Every ${NAME} placeholder in the JSON files is filled from the environment (see usage below).
# With --dry-run it prints every aws command and every rendered JSON document and calls nothing.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: deploy.sh [--dry-run]

Required environment:
  AWS_REGION              e.g. eu-west-1
  AWS_ACCOUNT_ID          12 digits
  ECS_CLUSTER             an existing ECS cluster
  VPC_ID                  the VPC of the tasks and the internal ALB
  PRIVATE_SUBNET_1        two private subnets in different Availability Zones
  PRIVATE_SUBNET_2
  PRODUCTS_INGRESS_CIDR   who may call products on port 8080 (your entry point or VPN)
  IMAGE_TAG               the tag pushed to the payments and products ECR repositories

Optional environment (defaults in brackets):
  STACK_NAME              [payments-internal-alb]
  EXECUTION_ROLE_ARN      [arn:aws:iam::$AWS_ACCOUNT_ID:role/ecsTaskExecutionRole]
  PAYMENTS_IMAGE          [$AWS_ACCOUNT_ID.dkr.ecr.$AWS_REGION.amazonaws.com/payments:$IMAGE_TAG]
  PRODUCTS_IMAGE          [$AWS_ACCOUNT_ID.dkr.ecr.$AWS_REGION.amazonaws.com/products:$IMAGE_TAG]
  DRY_RUN_SERVICES_EXIST  [false] with --dry-run: show the update-service path instead of create-service
EOF
}

dry_run=false
case "${1:-}" in
    --dry-run) dry_run=true ;;
    "") ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
esac
[[ $# -le 1 ]] || { usage >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() {
    echo "deploy.sh: $*" >&2
    exit 1
}

# Values end up inside JSON strings and command lines: allow only characters that need no quoting.
safe_value='^[A-Za-z0-9._:/@+=,-]+$'
require() {
    local name
    for name in "$@"; do
        [[ -n ${!name:-} ]] || die "$name is not set (deploy.sh --help lists the inputs)"
        [[ ${!name} =~ $safe_value ]] || die "$name has characters outside [A-Za-z0-9._:/@+=,-]: ${!name}"
    done
}

require AWS_REGION AWS_ACCOUNT_ID ECS_CLUSTER VPC_ID PRIVATE_SUBNET_1 PRIVATE_SUBNET_2 \
    PRODUCTS_INGRESS_CIDR IMAGE_TAG
[[ $AWS_ACCOUNT_ID =~ ^[0-9]{12}$ ]] || die "AWS_ACCOUNT_ID must be 12 digits: $AWS_ACCOUNT_ID"
STACK_NAME=${STACK_NAME:-payments-internal-alb}
EXECUTION_ROLE_ARN=${EXECUTION_ROLE_ARN:-arn:aws:iam::${AWS_ACCOUNT_ID}:role/ecsTaskExecutionRole}
registry="${AWS_ACCOUNT_ID}.dkr.ecr.${AWS_REGION}.amazonaws.com"
PAYMENTS_IMAGE=${PAYMENTS_IMAGE:-${registry}/payments:${IMAGE_TAG}}
PRODUCTS_IMAGE=${PRODUCTS_IMAGE:-${registry}/products:${IMAGE_TAG}}
require STACK_NAME EXECUTION_ROLE_ARN PAYMENTS_IMAGE PRODUCTS_IMAGE

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# What the script tells (commands, rendered documents, progress) goes to fd 3, the original standard
# output, so that command substitutions capture only the values that aws answers.
exec 3>&1

# Prints a command as one shell-readable line: words that need quoting are single-quoted.
print_command() {
    local out="+" word
    for word in "$@"; do
        if [[ $word =~ ^[A-Za-z0-9_./:=,@+-]+$ ]]; then
            out+=" $word"
        else
            out+=" '${word//\'/\'\\\'\'}'"
        fi
    done
    printf '%s\n' "$out"
}

# Runs an aws command (or only prints it, in a dry run). Its standard output is passed on.
aws_cli() {
    print_command aws "$@" >&3
    if [[ $dry_run == false ]]; then
        aws "$@"
    fi
}

# Like aws_cli, but a dry run prints the stand-in $1 instead of what AWS would have answered.
aws_query() {
    local stand_in=$1
    shift
    if [[ $dry_run == true ]]; then
        print_command aws "$@" >&3
        printf '%s\n' "$stand_in"
    else
        aws_cli "$@"
    fi
}

# Fills every ${NAME} in a file from the environment; fails on a placeholder that is not set.
render() {
    local source=$1 target text name value
    target="$work/$(basename "$source")"
    text=$(<"$source")
    while [[ $text =~ \$\{([A-Za-z_][A-Za-z0-9_]*)\} ]]; do
        name=${BASH_REMATCH[1]}
        [[ -n ${!name:-} ]] || die "$(basename "$source") uses \${$name}, which is not set"
        require "$name"
        value=${!name}
        text=${text//"\${$name}"/"$value"}
    done
    printf '%s\n' "$text" >"$target"
    if [[ $dry_run == true ]]; then
        printf -- '--- rendered %s\n%s\n--- end\n' "$(basename "$source")" "$text" >&3
    fi
    printf '%s\n' "$target"
}

stack_output() {
    aws_query "dry-run-$1" cloudformation describe-stacks --region "$AWS_REGION" --stack-name "$STACK_NAME" \
        --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue | [0]" --output text
}

register_task_definition() {
    local family=$1 document
    document=$(render "$here/$family-task-def.json")
    # The dry run's stand-in is the family name, which ECS resolves to its latest ACTIVE revision.
    aws_query "$family" ecs register-task-definition --region "$AWS_REGION" \
        --cli-input-json "file://$document" \
        --query taskDefinition.taskDefinitionArn --output text
}

service_exists() {
    local count
    count=$(aws_query "$([[ ${DRY_RUN_SERVICES_EXIST:-false} == true ]] && echo 1 || echo 0)" \
        ecs describe-services --region "$AWS_REGION" --cluster "$ECS_CLUSTER" --services "$1" \
        --query "length(services[?status=='ACTIVE'])" --output text) ||
        die "could not look up the ECS service $1"
    [[ $count == 1 ]]
}

deploy_service() {
    local service=$1 task_definition=$2 document
    if service_exists "$service"; then
        # The service's other settings are kept; a new revision starts a rolling deployment.
        aws_cli ecs update-service --region "$AWS_REGION" --cluster "$ECS_CLUSTER" \
            --service "$service" --task-definition "$task_definition" \
            --query service.serviceArn --output text
    else
        document=$(render "$here/$service-service.json")
        aws_cli ecs create-service --region "$AWS_REGION" --cli-input-json "file://$document" \
            --query service.serviceArn --output text
    fi
    # Returns once the deployment has reached a steady state; fails if the circuit breaker rolled it back.
    aws_cli ecs wait services-stable --region "$AWS_REGION" --cluster "$ECS_CLUSTER" --services "$service"
}

echo "# 1. internal ALB stack $STACK_NAME" >&3
aws_cli cloudformation deploy --region "$AWS_REGION" --stack-name "$STACK_NAME" \
    --template-file "$here/alb.yaml" --no-fail-on-empty-changeset \
    --parameter-overrides "VpcId=$VPC_ID" "PrivateSubnetIds=$PRIVATE_SUBNET_1,$PRIVATE_SUBNET_2" \
    "ProductsIngressCidr=$PRODUCTS_INGRESS_CIDR"
# shellcheck disable=SC2034 # these and the task definition ARNs below are read by render through ${!name}
PAYMENTS_TARGET_GROUP_ARN=$(stack_output PaymentsTargetGroupArn)
# shellcheck disable=SC2034
PAYMENTS_SECURITY_GROUP_ID=$(stack_output PaymentsSecurityGroupId)
# shellcheck disable=SC2034
PRODUCTS_SECURITY_GROUP_ID=$(stack_output ProductsSecurityGroupId)

echo "# 2. task definitions" >&3
PAYMENTS_TASK_DEFINITION=$(register_task_definition payments)
PRODUCTS_TASK_DEFINITION=$(register_task_definition products)

echo "# 3. services: payments first, so that products starts against a healthy payments" >&3
deploy_service payments "$PAYMENTS_TASK_DEFINITION"
deploy_service products "$PRODUCTS_TASK_DEFINITION"
echo "# done" >&3
