#!/usr/bin/env bash
# Starts the whole system locally, wired as in ECS: products reaches payments through PAYMENTS_BASE_URI.
# With HAProxy installed: two payments instances behind the internal ALB's stand-in (local-alb/haproxy.cfg)
# on port 5000, products pointing at it. With --single, or without HAProxy: one payments instance on port
# 5000, called directly.
# payments keeps its ledger in PostgreSQL: yours when PAYMENTS_DB_URL (and PAYMENTS_DB_USER, PAYMENTS_DB_PASSWORD)
# is set, otherwise a local one from Maven Central (local-db) whose data survives restarts; wipe it with
# rm -rf ~/.local/share/contract-first-ecs/payments-db (or $LOCAL_DB_DIR) while nothing runs.
# Builds first (unless --no-build). Every port is checked before anything starts. Each process writes
# to its own log file (.local/run-local/logs/, git-ignored); the console shows only this script's lines.
# When a process exits, the script says which and keeps the others running, so that failover can be
# tried by hand (kill one payments instance: HAProxy sends every request to the other). It ends when no
# service is left; Ctrl-C stops everything it started.
# Traces: a Zipkin server (an executable jar from Maven Central, copied to target/zipkin/ with the SDK's
# Zipkin exporter, which only this script puts on the services' class path) on port 9411; both services
# send it every request's spans through the SDK's own variables (OTEL_TRACES_EXPORTER=zipkin,
# OTEL_EXPORTER_ZIPKIN_ENDPOINT). With
# --no-zipkin it does not start and the services keep your OTEL_* variables (by default nothing is exported).
# --containers: the whole system from its images instead (scripts/run-local-containers.sh).
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/run-local.sh [--no-build] [--no-zipkin] [--single | --containers]
  --no-build    skip the build (./mvnw -B -q -DskipTests package)
  --no-zipkin   no trace viewer; the services keep your OTEL_* variables
  --single      one payments instance, called directly (no HAProxy)
  --containers  the system from its container images (scripts/run-local-containers.sh; no Zipkin)
Ports, from the environment: ALB_PORT (5000), PAYMENTS_1_PORT (5001), PAYMENTS_2_PORT (5002),
PRODUCTS_PORT (8080), ALB_STATS_PORT (8404), LOCAL_DB_PORT (15432), ZIPKIN_PORT (9411).
EOF
}

# wait -n -p (below) came with bash 5.1.
if ((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] < 501)); then
    echo "run-local.sh needs bash 5.1 or newer, this is $BASH_VERSION (macOS: brew install bash)" >&2
    exit 1
fi

build=true single=false containers=false zipkin=true
for option in "$@"; do
    case "$option" in
        --no-build) build=false ;;
        --no-zipkin) zipkin=false ;;
        --single) single=true ;;
        --containers) containers=true ;;
        -h | --help) usage; exit 0 ;;
        *) echo "run-local.sh: unknown option $option" >&2; usage >&2; exit 2 ;;
    esac
done
if $single && $containers; then
    echo "run-local.sh: --single and --containers do not go together" >&2; usage >&2; exit 2
fi

cd "$(dirname "$0")/.."
: "${ALB_PORT:=5000}"        # the internal ALB's listener port (ecs-task-defs/stack.yaml)
: "${PAYMENTS_1_PORT:=5001}" "${PAYMENTS_2_PORT:=5002}" "${PRODUCTS_PORT:=8080}"
: "${ALB_STATS_PORT:=8404}" "${LOCAL_DB_PORT:=15432}" "${ZIPKIN_PORT:=9411}"

. scripts/java-home.sh
java_bin="$JAVA_HOME/bin/java"
# The services' JVM defaults (GC, heap), shared with the system tests, the benchmarks and the images.
jvm_options="@service-support/src/main/jvm/jvm.options"
export MALLOC_ARENA_MAX=2 # glibc's malloc arenas, as in the images and the tasks (jvm.options says why)
logs="$PWD/.local/run-local/logs"

require_free_ports() { # names of the variables that hold the ports: each a port number, given once, free
    local name port problems=() example=""
    local -A named=()
    for name in "$@"; do
        port="${!name}"
        if ! [[ "$port" =~ ^[0-9]{1,5}$ ]] || ((10#$port < 1 || 10#$port > 65535)); then
            problems+=("$name=$port is not a port number")
        elif [ -n "${named[$port]:-}" ]; then
            problems+=("port $port is given twice (${named[$port]} and $name)")
        else
            named[$port]="$name"
            # Something accepts connections there (a listener on 127.0.0.1 or on every address).
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
                problems+=("port $port ($name) is in use")
                example="${example:-$name=$((10#$port + 1))}"
            fi
        fi
    done
    ((${#problems[@]} == 0)) && return 0
    printf '%s\n' "${problems[@]}" >&2
    echo "Nothing was started. Free the port, or choose another through its variable${example:+ (e.g. $example scripts/run-local.sh)}." >&2
    return 1
}

# The processes this script started, by pid: their names and log files.
declare -A child_name=() child_log=()
run_dir="" db_pid="" zipkin_pid=""

begin_run() { # the log directory, a private directory for sockets and the like, and the traps that clean up
    mkdir -p "$logs"
    rm -f "$logs"/*.log
    run_dir=$(mktemp -d "${TMPDIR:-/tmp}/run-local.XXXXXX")
    trap stop_all EXIT
    trap 'exit 129' HUP
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# shellcheck disable=SC2317 # called by the EXIT trap
stop_all() { # services first, PostgreSQL last, so that payments closes its connections before the server stops
    trap - HUP INT TERM EXIT
    local pid services=()
    for pid in "${!child_name[@]}"; do [ "$pid" = "$db_pid" ] || services+=("$pid"); done
    if ((${#child_name[@]})); then echo "Stopping ${child_name[*]} ..."; fi
    if ((${#services[@]})); then kill -TERM "${services[@]}" 2>/dev/null || true; wait "${services[@]}" || true; fi
    if [ -n "$db_pid" ] && [ -n "${child_name[$db_pid]:-}" ]; then
        kill -TERM "$db_pid" 2>/dev/null || true
        wait "$db_pid" || true
    fi
    if [ -n "$run_dir" ]; then rm -rf "$run_dir"; fi
}

start_child() { # name command...: runs the command in the background, its output in the name's log file
    local name="$1" log="$logs/$1.log"
    shift
    "$@" </dev/null >"$log" 2>&1 &
    child_name[$!]="$name" child_log[$!]="$log"
    echo "$name: pid $!, log $log"
}

describe_exit() { # pid status: says which child exited and how, and forgets it
    local signal=""
    if (($2 > 128)); then signal=$(kill -l $(($2 - 128)) 2>/dev/null) && signal=" (SIG$signal)" || signal=""; fi
    echo "${child_name[$1]} (pid $1) exited with status $2$signal; its log: ${child_log[$1]}"
    unset "child_name[$1]" "child_log[$1]"
}

service_running() { # true while a payments instance or products runs
    local name
    for name in "${child_name[@]}"; do if [[ "$name" == payments* || "$name" == products ]]; then return 0; fi; done
    return 1
}

await() { # name seconds pid|"" command...: polls the command (bounded); fails at once when the process exits
    local name="$1" deadline=$((SECONDS + $2)) pid="$3" log="" status
    shift 3
    if [ -n "$pid" ]; then log="${child_log[$pid]}"; fi
    until "$@"; do
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid" && status=0 || status=$?
            describe_exit "$pid" "$status" >&2
            echo "It stopped before it was ready; the end of its log:" >&2
            tail -n 5 "$log" | sed 's/^/    /' >&2
            return 1
        fi
        if ((SECONDS >= deadline)); then
            echo "$name did not become ready within $2 s${log:+; its log: $log}" >&2
            return 1
        fi
        sleep 0.2
    done
}

wait_ready() { # name url seconds [pid]: bounded wait for the readiness endpoint
    await "$1" "$3" "${4:-}" curl -fs -o /dev/null "$2" || return 1
    echo "$1 is ready: $2"
}

# The ledger's database, shared by the payments instances: run-local's PostgreSQL (local-db), unless
# PAYMENTS_DB_URL names yours. Sets db_url, db_user and db_password.
start_local_db() { # a container network (CIDR) to admit too, or "" for this host only
    local dir="${LOCAL_DB_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/contract-first-ecs/payments-db}"
    local url_file="$run_dir/local-db.url"
    start_child postgres "$java_bin" -cp "local-db/target/local-db.jar:local-db/target/libs/*" \
        com.example.localdb.LocalDatabase "$dir" "$LOCAL_DB_PORT" "$url_file" ${1:+"$1"}
    db_pid=$!
    await postgres 60 "$db_pid" test -s "$url_file" || return 1 # 60 s: the first start runs initdb
    db_url=$(cat "$url_file") db_user=postgres db_password=""
    echo "postgres is ready: $db_url, data in $dir (kept across runs)"
}

zipkin_jar=target/zipkin/zipkin-server.jar # the version is the root pom's version.zipkin-server

zipkin_libs=target/zipkin/libs # the SDK's Zipkin exporter and its sender: not in the services' own libs

fetch_zipkin() { # copies Zipkin's server and the exporter from Maven Central (or ~/.m2) to target/zipkin/
    echo "Fetching Zipkin's server and the SDK's Zipkin exporter (./mvnw dependency:copy) ..."
    ./mvnw -B -q -N dependency:copy@zipkin-server
    ./mvnw -B -q -pl service-support dependency:copy-dependencies@zipkin-exporter
}

service_args() { # module: how java starts it, with the Zipkin exporter on its class path when traces go there
    local jar="$1/target/$1.jar" # its manifest names its libs/
    if $zipkin; then
        service=(-cp "$jar:$zipkin_libs/*" "com.example.$1.Main")
    else
        service=(-jar "$jar")
    fi
}

start_zipkin() { # Zipkin with its in-memory store, on this host only; its spans go when it stops
    # Its listener as one whole (Spring Boot takes a list from one source): port, address, protocol.
    start_child zipkin "$java_bin" -jar "$zipkin_jar" "--armeria.ports[0].port=$ZIPKIN_PORT" \
        "--armeria.ports[0].ip=127.0.0.1" "--armeria.ports[0].protocols=http"
    zipkin_pid=$!
}

trace_to_zipkin() { # the services' tracing, through the SDK's standard variables: every request, to Zipkin
    wait_ready zipkin "http://127.0.0.1:$ZIPKIN_PORT/health" 120 "$zipkin_pid"
    export OTEL_TRACES_EXPORTER=zipkin OTEL_EXPORTER_ZIPKIN_ENDPOINT="http://127.0.0.1:$ZIPKIN_PORT/api/v2/spans"
    export OTEL_TRACES_SAMPLER=parentbased_always_on # 100 %: locally every request is worth a look
}

# --containers: the same system from the images that ECS runs (scripts/run-local-containers.sh).
if $containers; then
    . scripts/run-local-containers.sh
    run_containers
    exit
fi

alb=false
if ! $single; then
    if command -v haproxy >/dev/null; then alb=true; else echo "HAProxy is not installed (apt-get install haproxy): one payments instance"; fi
fi
ports=(ALB_PORT PRODUCTS_PORT)
if $alb; then ports+=(PAYMENTS_1_PORT PAYMENTS_2_PORT ALB_STATS_PORT); fi
if [ -z "${PAYMENTS_DB_URL:-}" ]; then ports+=(LOCAL_DB_PORT); fi
if $zipkin; then ports+=(ZIPKIN_PORT); fi
require_free_ports "${ports[@]}"

if $build; then
    echo "Building (./mvnw -B -q -DskipTests package) ..."
    ./mvnw -B -q -DskipTests package
fi
if $zipkin && { $build || [ ! -f "$zipkin_jar" ] || [ ! -d "$zipkin_libs" ]; }; then fetch_zipkin; fi

begin_run
# Zipkin first: it takes longest to start, and the services should find it ready.
if $zipkin; then start_zipkin; fi
if [ -z "${PAYMENTS_DB_URL:-}" ]; then
    start_local_db ""
    PAYMENTS_DB_URL="$db_url" PAYMENTS_DB_USER="$db_user" PAYMENTS_DB_PASSWORD="$db_password"
fi
if $zipkin; then trace_to_zipkin; fi
export PAYMENTS_DB_URL PAYMENTS_DB_USER PAYMENTS_DB_PASSWORD
export PAYMENTS_STORE_SAMPLE_DATA="${PAYMENTS_STORE_SAMPLE_DATA:-true}"

start_payments() { # name port
    service_args payments
    start_child "$1" env SERVER_HOST=127.0.0.1 SERVER_PORT="$2" "$java_bin" "$jvm_options" "${service[@]}"
}

payments_uri="http://127.0.0.1:$ALB_PORT"
if $alb; then
    start_payments payments-1 "$PAYMENTS_1_PORT"
    payments_1_pid=$!
    start_payments payments-2 "$PAYMENTS_2_PORT"
    payments_2_pid=$!
    wait_ready payments-1 "http://127.0.0.1:$PAYMENTS_1_PORT/observe/health/ready" 60 "$payments_1_pid"
    wait_ready payments-2 "http://127.0.0.1:$PAYMENTS_2_PORT/observe/health/ready" 60 "$payments_2_pid"
    start_child haproxy env LB_BIND="127.0.0.1:$ALB_PORT" LB_STATS_BIND="127.0.0.1:$ALB_STATS_PORT" \
        LB_STATS_SOCKET="$run_dir/local-alb.sock" \
        PAYMENTS_1="127.0.0.1:$PAYMENTS_1_PORT" PAYMENTS_2="127.0.0.1:$PAYMENTS_2_PORT" \
        haproxy -db -f local-alb/haproxy.cfg
    wait_ready haproxy "http://127.0.0.1:$ALB_STATS_PORT/stats" 10 $!
    wiring="through the ALB stand-in (HAProxy, local-alb/haproxy.cfg) on $ALB_PORT, round robin over payments-1"
    wiring+=" on $PAYMENTS_1_PORT and payments-2 on $PAYMENTS_2_PORT; stats: http://127.0.0.1:$ALB_STATS_PORT/stats"
else
    start_payments payments "$ALB_PORT"
    wait_ready payments "http://127.0.0.1:$ALB_PORT/observe/health/ready" 60 $!
    wiring="directly to one payments instance on $ALB_PORT"
fi

# products accepts only tokens of the issuer it trusts: here a throw-away key made for this run
# (scripts/DevToken.java prints a one-hour token with every scope; .local/ is git-ignored).
auth_jwks="$PWD/.local/auth/jwks.json"
token=$("$java_bin" -cp "products/target/libs/*" scripts/DevToken.java "$auth_jwks")

service_args products
start_child products env SERVER_HOST=127.0.0.1 SERVER_PORT="$PRODUCTS_PORT" PAYMENTS_BASE_URI="$payments_uri" \
    PRODUCTS_AUTH_ISSUER=local-dev-issuer PRODUCTS_AUTH_AUDIENCE=products PRODUCTS_AUTH_JWKS_URI="file:$auth_jwks" \
    "$java_bin" "$jvm_options" "${service[@]}"
wait_ready products "http://127.0.0.1:$PRODUCTS_PORT/observe/health/ready" 60 $!

echo "products -> PAYMENTS_BASE_URI=$payments_uri: $wiring"
echo "Logs: tail -f $logs/*.log"
if $zipkin; then
    echo "Traces: http://127.0.0.1:$ZIPKIN_PORT/zipkin/ (Zipkin; each request to products, with its call to payments and its SQL)"
fi
echo "Try (the token is valid for an hour; Ctrl-C stops everything):"
echo "  TOKEN=$token"
echo "  curl -H \"Authorization: Bearer \$TOKEN\" localhost:$PRODUCTS_PORT/api/1.0/payments"
if $alb; then
    echo "Failover by hand: kill $payments_1_pid (payments-1); HAProxy sends every request to payments-2."
fi

# A process that exits is reported; the others keep running until no service (payments, products) is left.
while service_running; do
    exited=""
    wait -n -p exited "${!child_name[@]}" && status=0 || status=$?
    if [ -z "$exited" ]; then echo "wait failed with status $status" >&2; exit 1; fi # signals exit in their traps
    describe_exit "$exited" "$status"
    if ((${#child_name[@]})); then
        running=()
        for pid in "${!child_name[@]}"; do running+=("${child_name[$pid]} ($pid)"); done
        echo "Still running: ${running[*]}"
    fi
done
echo "No payments or products process is left."
exit 1
