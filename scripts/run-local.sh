#!/usr/bin/env bash
# Starts payments and products locally, wired as in ECS: products reaches payments through
# PAYMENTS_BASE_URI. Builds first (unless --no-build). Ctrl-C stops everything it started.
set -euo pipefail

cd "$(dirname "$0")/.."
PAYMENTS_PORT="${PAYMENTS_PORT:-5000}"
PRODUCTS_PORT="${PRODUCTS_PORT:-8080}"

. scripts/java-home.sh
java_bin="$JAVA_HOME/bin/java"

if [ "${1:-}" != "--no-build" ]; then
    echo "Building (./mvnw -B -q -DskipTests package) ..."
    ./mvnw -B -q -DskipTests package
fi

pids=()
stop_all() {
    trap - INT TERM EXIT
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

SERVER_PORT="$PAYMENTS_PORT" "$java_bin" -jar payments/target/payments.jar &
pids+=($!)
wait_healthy payments "http://localhost:$PAYMENTS_PORT/observe/health/ready"

SERVER_PORT="$PRODUCTS_PORT" PAYMENTS_BASE_URI="http://localhost:$PAYMENTS_PORT" \
    "$java_bin" -jar products/target/products.jar &
pids+=($!)
wait_healthy products "http://localhost:$PRODUCTS_PORT/observe/health/ready"

echo "products -> PAYMENTS_BASE_URI=http://localhost:$PAYMENTS_PORT (directly; in ECS the internal ALB)"
echo "Try: curl localhost:$PRODUCTS_PORT/api/1.0/payments    (Ctrl-C stops both services)"
wait -n
