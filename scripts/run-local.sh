#!/usr/bin/env bash
# Starts the whole system locally, wired as in ECS: products reaches payments through PAYMENTS_BASE_URI.
# With HAProxy installed: two payments instances behind the internal ALB's stand-in (local-alb/haproxy.cfg)
# on port 5000, products pointing at it. Without it: one payments instance on port 5000, called directly.
# payments keeps its ledger in PostgreSQL: yours when PAYMENTS_DB_URL (and PAYMENTS_DB_USER, PAYMENTS_DB_PASSWORD)
# is set, otherwise a local one from Maven Central (local-db) whose data survives restarts; wipe it with
# rm -rf ~/.local/share/contract-first-ecs/payments-db (or $LOCAL_DB_DIR) while nothing runs.
# The script says which it did. Builds first (unless --no-build). Ctrl-C stops everything it started.
# --containers: the whole system from its images instead (scripts/run-local-containers.sh).
set -euo pipefail

cd "$(dirname "$0")/.."
ALB_PORT="${ALB_PORT:-5000}"                # the internal ALB's listener port (ecs-task-defs/stack.yaml)
PAYMENTS_PORTS=("${PAYMENTS_1_PORT:-5001}" "${PAYMENTS_2_PORT:-5002}")
PRODUCTS_PORT="${PRODUCTS_PORT:-8080}"
STATS_PORT="${ALB_STATS_PORT:-8404}"

. scripts/java-home.sh
java_bin="$JAVA_HOME/bin/java"
# The services' JVM defaults (GC, heap), shared with the system tests, the benchmarks and the images.
jvm_options="@service-support/src/main/jvm/jvm.options"

# --containers: the same system from the images that ECS runs (scripts/run-local-containers.sh).
if [ "${1:-}" = "--containers" ]; then
    . scripts/run-local-containers.sh
    run_containers
    exit
fi

if [ "${1:-}" != "--no-build" ]; then
    echo "Building (./mvnw -B -q -DskipTests package) ..."
    ./mvnw -B -q -DskipTests package
fi

pids=()
stop_all() {
    trap - INT TERM EXIT
    echo "Stopping ${#pids[@]} processes ..."
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

wait_healthy() { # name url: bounded wait (30 s) for the readiness endpoint
    for _ in $(seq 1 150); do
        if curl -fs -o /dev/null "$2"; then echo "$1 is ready: $2"; return 0; fi
        sleep 0.2
    done
    echo "$1 did not become ready within 30 s" >&2
    return 1
}

# The ledger's database, shared by both payments instances; started before them, stopped with everything.
if [ -z "${PAYMENTS_DB_URL:-}" ]; then
    LOCAL_DB_DIR="${LOCAL_DB_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/contract-first-ecs/payments-db}"
    url_file="${TMPDIR:-/tmp}/local-db-$$.url"
    rm -f "$url_file"
    "$java_bin" -cp "local-db/target/local-db.jar:local-db/target/libs/*" com.example.localdb.LocalDatabase \
        "$LOCAL_DB_DIR" "${LOCAL_DB_PORT:-15432}" "$url_file" &
    pids+=($!)
    for _ in $(seq 1 300); do [ -s "$url_file" ] && break; sleep 0.2; done   # bounded: 60 s (first start: initdb)
    [ -s "$url_file" ] || { echo "PostgreSQL did not start within 60 s" >&2; exit 1; }
    PAYMENTS_DB_URL="$(cat "$url_file")" PAYMENTS_DB_USER=postgres PAYMENTS_DB_PASSWORD=""
    export PAYMENTS_DB_URL PAYMENTS_DB_USER PAYMENTS_DB_PASSWORD
    rm -f "$url_file"
    echo "PostgreSQL for payments: $PAYMENTS_DB_URL, data in $LOCAL_DB_DIR (kept across runs)"
fi
export PAYMENTS_STORE_SAMPLE_dash_DATA="${PAYMENTS_STORE_SAMPLE_dash_DATA:-true}"

start_payments() { # port
    SERVER_HOST=127.0.0.1 SERVER_PORT="$1" "$java_bin" "$jvm_options" -jar payments/target/payments.jar &
    pids+=($!)
}

if command -v haproxy >/dev/null; then
    for port in "${PAYMENTS_PORTS[@]}"; do start_payments "$port"; done
    for port in "${PAYMENTS_PORTS[@]}"; do wait_healthy "payments on $port" "http://127.0.0.1:$port/observe/health/ready"; done
    LB_BIND="127.0.0.1:$ALB_PORT" LB_STATS_BIND="127.0.0.1:$STATS_PORT" LB_STATS_SOCKET="${TMPDIR:-/tmp}/local-alb-$$.sock" \
        PAYMENTS_1="127.0.0.1:${PAYMENTS_PORTS[0]}" PAYMENTS_2="127.0.0.1:${PAYMENTS_PORTS[1]}" \
        haproxy -db -f local-alb/haproxy.cfg &
    pids+=($!)
    payments_uri="http://127.0.0.1:$ALB_PORT"
    wiring="through the ALB stand-in (HAProxy, local-alb/haproxy.cfg) on $ALB_PORT, round robin over payments on ${PAYMENTS_PORTS[*]}; stats: http://127.0.0.1:$STATS_PORT/stats"
else
    start_payments "$ALB_PORT"
    wait_healthy payments "http://127.0.0.1:$ALB_PORT/observe/health/ready"
    payments_uri="http://127.0.0.1:$ALB_PORT"
    wiring="DIRECTLY to one payments instance on $ALB_PORT (HAProxy is not installed: apt-get install haproxy for the ALB stand-in)"
fi

# products accepts only tokens of the issuer it trusts: here a throw-away key made for this run
# (scripts/DevToken.java prints a one-hour token with every scope; .local/ is git-ignored).
auth_jwks="$PWD/.local/auth/jwks.json"
token=$("$java_bin" -cp "products/target/libs/*" scripts/DevToken.java "$auth_jwks")

SERVER_HOST=127.0.0.1 SERVER_PORT="$PRODUCTS_PORT" PAYMENTS_BASE_URI="$payments_uri" \
    PRODUCTS_AUTH_ISSUER=local-dev-issuer PRODUCTS_AUTH_AUDIENCE=products PRODUCTS_AUTH_JWKS_URI="file:$auth_jwks" \
    "$java_bin" "$jvm_options" -jar products/target/products.jar &
pids+=($!)
wait_healthy products "http://127.0.0.1:$PRODUCTS_PORT/observe/health/ready"

echo "products -> PAYMENTS_BASE_URI=$payments_uri: $wiring"
echo "Try (the token is valid for an hour; Ctrl-C stops everything):"
echo "  TOKEN=$token"
echo "  curl -H \"Authorization: Bearer \$TOKEN\" localhost:$PRODUCTS_PORT/api/1.0/payments"
wait -n
