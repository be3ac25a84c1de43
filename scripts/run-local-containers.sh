# Sourced by scripts/run-local.sh --containers: the whole system from its images (scripts/build-images.sh,
# built first when missing), wired as in ECS. Each container has its own address on podman's bridge, as
# awsvpc gives each task its own; the ALB stand-in (HAProxy) runs on this host where containers reach it.
#   payments-1, payments-2 (port 5000 each) <- HAProxy on <bridge gateway>:$ALB_PORT <- products
#   products published on 127.0.0.1:$PRODUCTS_PORT
# payments' database and products' token as in run-local.sh: PAYMENTS_DB_* when set (a database the containers
# reach), otherwise run-local's PostgreSQL (same data directory), admitting podman's bridge; a development
# token (scripts/DevToken.java) whose key set is mounted into the products container.
# Uses run-local.sh's functions (require_free_ports, begin_run, start_child, start_local_db, wait_ready):
# HAProxy's and PostgreSQL's logs are in its log directory, the containers' in podman logs.
# Ctrl-C stops everything it started.
# shellcheck shell=bash disable=SC2154 # java_bin, logs, run_dir: set by run-local.sh

run_containers() {
    local tag="${IMAGE_TAG:-$(git rev-parse --short=12 HEAD)}" service gateway payments_uri ports=(PRODUCTS_PORT ALB_STATS_PORT)
    # ALB_PORT is bound on the bridge's gateway: HAProxy's readiness wait reports a clash there.
    if [ -z "${PAYMENTS_DB_URL:-}" ]; then ports+=(LOCAL_DB_PORT); fi
    require_free_ports "${ports[@]}"
    for service in payments products; do
        if ! podman image exists "localhost/$service:$tag"; then
            echo "localhost/$service:$tag is missing: building the images (scripts/build-images.sh) ..."
            IMAGE_TAG="$tag" scripts/build-images.sh
            break
        fi
    done
    if [ ! -s local-db/target/local-db.jar ] || [ ! -d products/target/libs ]; then
        echo "Building local-db and products' libraries (./mvnw -B -q -pl local-db,products -am -DskipTests package) ..."
        ./mvnw -B -q -pl local-db,products -am -DskipTests package
    fi
    local names=(run-local-payments-1 run-local-payments-2 run-local-products)
    # shellcheck disable=SC2317 # called by the EXIT trap
    stop_containers() {
        echo "Stopping ${names[*]} ..."
        podman stop --ignore --time 30 "${names[@]}" >/dev/null 2>&1 || true
        podman rm --ignore --force "${names[@]}" >/dev/null 2>&1 || true
    }
    begin_run
    trap 'stop_containers; stop_all' EXIT
    podman rm --ignore --force "${names[@]}" >/dev/null
    gateway=$(podman network inspect podman --format '{{range .Subnets}}{{.Gateway}}{{end}}')
    # The ledger's database, shared by both payments containers; they reach this host at the bridge's gateway.
    local db_url="${PAYMENTS_DB_URL:-}" db_user="${PAYMENTS_DB_USER:-}" db_password="${PAYMENTS_DB_PASSWORD:-}"
    if [ -z "$db_url" ]; then
        local subnet
        subnet=$(podman network inspect podman --format '{{range .Subnets}}{{.Subnet}}{{end}}')
        start_local_db "$subnet"
        db_url="${db_url/localhost:/$gateway:}"
        echo "The payments containers reach it at $db_url (it admits $subnet)"
    fi
    # products accepts only tokens of the issuer it trusts: a throw-away key made for this run, as in run-local.sh.
    local auth_dir="$PWD/.local/auth" token
    token=$("$java_bin" -cp "products/target/libs/*" scripts/DevToken.java "$auth_dir/jwks.json")
    # Run as the task definitions run them: read-only root with a /tmp volume, 1 GiB; user and flags are the image's.
    local run=(podman run --detach --read-only --tmpfs /tmp --memory 1g)
    for i in 1 2; do
        "${run[@]}" --name "run-local-payments-$i" --env PAYMENTS_DB_URL="$db_url" --env PAYMENTS_DB_USER="$db_user" \
            --env PAYMENTS_DB_PASSWORD="$db_password" \
            --env PAYMENTS_STORE_SAMPLE_DATA="${PAYMENTS_STORE_SAMPLE_DATA:-true}" \
            "localhost/payments:$tag" >/dev/null
    done
    local targets=()
    for i in 1 2; do
        targets+=("$(podman inspect --format '{{.NetworkSettings.IPAddress}}' "run-local-payments-$i"):5000")
        wait_ready "payments-$i" "http://${targets[-1]}/observe/health/ready" 120
    done
    start_child haproxy env LB_BIND="$gateway:$ALB_PORT" LB_STATS_BIND="127.0.0.1:$ALB_STATS_PORT" \
        LB_STATS_SOCKET="$run_dir/local-alb.sock" PAYMENTS_1="${targets[0]}" PAYMENTS_2="${targets[1]}" \
        haproxy -db -f local-alb/haproxy.cfg
    wait_ready haproxy "http://127.0.0.1:$ALB_STATS_PORT/stats" 10 $!
    payments_uri="http://$gateway:$ALB_PORT"
    "${run[@]}" --name run-local-products --publish "127.0.0.1:$PRODUCTS_PORT:8080" \
        --env PAYMENTS_BASE_URI="$payments_uri" --env PRODUCTS_AUTH_ISSUER=local-dev-issuer \
        --env PRODUCTS_AUTH_AUDIENCE=products --env PRODUCTS_AUTH_JWKS_URI=file:/auth/jwks.json \
        --volume "$auth_dir:/auth:ro" "localhost/products:$tag" >/dev/null
    wait_ready products "http://127.0.0.1:$PRODUCTS_PORT/observe/health/ready" 120
    echo "products (localhost/products:$tag) -> PAYMENTS_BASE_URI=$payments_uri: the ALB stand-in over payments" \
        "containers ${targets[*]} (localhost/payments:$tag); stats: http://127.0.0.1:$ALB_STATS_PORT/stats"
    echo "Logs: podman logs -f ${names[*]}, tail -f $logs/*.log"
    echo "Try (the token is valid for an hour; Ctrl-C stops everything):"
    echo "  TOKEN=$token"
    echo "  curl -H \"Authorization: Bearer \$TOKEN\" localhost:$PRODUCTS_PORT/api/1.0/payments"
    # In the background, so that Ctrl-C (or a SIGINT sent to this script alone) ends the wait at once.
    podman wait run-local-products >/dev/null &
    wait $!
}
