# Sourced by scripts/run-local.sh --containers: the whole system from its images (scripts/build-images.sh,
# built first when missing), wired as in ECS. Each container has its own address on podman's bridge, as
# awsvpc gives each task its own; the ALB stand-in (HAProxy) runs on this host where containers reach it.
#   payments-1, payments-2 (port 5000 each) <- HAProxy on <bridge gateway>:$ALB_PORT <- products
#   products published on 127.0.0.1:$PRODUCTS_PORT
# payments' database and products' token as in run-local.sh: PAYMENTS_DB_* when set (a database the containers
# reach), otherwise run-local's PostgreSQL (same data directory), admitting podman's bridge; a development
# token (scripts/DevToken.java) whose key set is mounted into the products container.
# Ctrl-C stops everything it started.

await_container_ready() { # name url: bounded wait (120 s) for the readiness endpoint
    for _ in $(seq 1 600); do
        if curl -fs -o /dev/null "$2"; then echo "$1 is ready: $2"; return 0; fi
        sleep 0.2
    done
    echo "$1 did not become ready within 120 s" >&2
    return 1
}

run_containers() {
    local tag="${IMAGE_TAG:-dev}" service gateway payments_uri
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
    local names=(run-local-payments-1 run-local-payments-2 run-local-products) haproxy_pid="" db_pid=""
    stop_containers() {
        trap - INT TERM EXIT
        echo "Stopping ${names[*]}, HAProxy and PostgreSQL ..."
        podman stop --ignore --time 30 "${names[@]}" >/dev/null 2>&1 || true
        podman rm --ignore --force "${names[@]}" >/dev/null 2>&1 || true
        if [ -n "$haproxy_pid" ]; then kill -TERM "$haproxy_pid" 2>/dev/null || true; fi
        if [ -n "$db_pid" ]; then kill -TERM "$db_pid" 2>/dev/null || true; wait "$db_pid" 2>/dev/null || true; fi
    }
    trap stop_containers INT TERM EXIT
    podman rm --ignore --force "${names[@]}" >/dev/null
    gateway=$(podman network inspect podman --format '{{range .Subnets}}{{.Gateway}}{{end}}')
    # The ledger's database, shared by both payments containers; they reach this host at the bridge's gateway.
    local db_url="${PAYMENTS_DB_URL:-}" db_user="${PAYMENTS_DB_USER:-}" db_password="${PAYMENTS_DB_PASSWORD:-}"
    if [ -z "$db_url" ]; then
        local db_dir="${LOCAL_DB_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/contract-first-ecs/payments-db}"
        local url_file="${TMPDIR:-/tmp}/local-db-$$.url" subnet
        subnet=$(podman network inspect podman --format '{{range .Subnets}}{{.Subnet}}{{end}}')
        rm -f "$url_file"
        "$java_bin" -cp "local-db/target/local-db.jar:local-db/target/libs/*" com.example.localdb.LocalDatabase \
            "$db_dir" "${LOCAL_DB_PORT:-15432}" "$url_file" "$subnet" &
        db_pid=$!
        for _ in $(seq 1 300); do [ -s "$url_file" ] && break; sleep 0.2; done # bounded: 60 s (first start: initdb)
        [ -s "$url_file" ] || { echo "PostgreSQL did not start within 60 s" >&2; exit 1; }
        db_url=$(sed "s|//localhost:|//$gateway:|" "$url_file") db_user=postgres db_password=""
        rm -f "$url_file"
        echo "PostgreSQL for payments: $db_url (admits $subnet), data in $db_dir (kept across runs)"
    fi
    # products accepts only tokens of the issuer it trusts: a throw-away key made for this run, as in run-local.sh.
    local auth_dir="$PWD/.local/auth" token
    token=$("$java_bin" -cp "products/target/libs/*" scripts/DevToken.java "$auth_dir/jwks.json")
    # Run as the task definitions run them: read-only root with a /tmp volume, 1 GiB; user and flags are the image's.
    local run=(podman run --detach --read-only --tmpfs /tmp --memory 1g)
    for i in 1 2; do
        "${run[@]}" --name "run-local-payments-$i" --env PAYMENTS_DB_URL="$db_url" --env PAYMENTS_DB_USER="$db_user" \
            --env PAYMENTS_DB_PASSWORD="$db_password" \
            --env PAYMENTS_STORE_SAMPLE_dash_DATA="${PAYMENTS_STORE_SAMPLE_dash_DATA:-true}" \
            "localhost/payments:$tag" >/dev/null
    done
    local targets=()
    for i in 1 2; do
        targets+=("$(podman inspect --format '{{.NetworkSettings.IPAddress}}' "run-local-payments-$i"):5000")
        await_container_ready "payments-$i" "http://${targets[-1]}/observe/health/ready"
    done
    LB_BIND="$gateway:$ALB_PORT" LB_STATS_BIND="127.0.0.1:$STATS_PORT" \
        LB_STATS_SOCKET="${TMPDIR:-/tmp}/local-alb-$$.sock" PAYMENTS_1="${targets[0]}" PAYMENTS_2="${targets[1]}" \
        haproxy -db -f local-alb/haproxy.cfg &
    haproxy_pid=$!
    payments_uri="http://$gateway:$ALB_PORT"
    "${run[@]}" --name run-local-products --publish "127.0.0.1:$PRODUCTS_PORT:8080" \
        --env PAYMENTS_BASE_URI="$payments_uri" --env PRODUCTS_AUTH_ISSUER=local-dev-issuer \
        --env PRODUCTS_AUTH_AUDIENCE=products --env PRODUCTS_AUTH_JWKS_URI=file:/auth/jwks.json \
        --volume "$auth_dir:/auth:ro" "localhost/products:$tag" >/dev/null
    await_container_ready products "http://127.0.0.1:$PRODUCTS_PORT/observe/health/ready"
    echo "products (localhost/products:$tag) -> PAYMENTS_BASE_URI=$payments_uri: the ALB stand-in over payments" \
        "containers ${targets[*]} (localhost/payments:$tag); stats: http://127.0.0.1:$STATS_PORT/stats"
    echo "Try (the token is valid for an hour; Ctrl-C stops everything):"
    echo "  TOKEN=$token"
    echo "  curl -H \"Authorization: Bearer \$TOKEN\" localhost:$PRODUCTS_PORT/api/1.0/payments"
    podman wait run-local-products >/dev/null
}
