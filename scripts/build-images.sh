#!/usr/bin/env bash
# Builds the service images into the local podman store, with no Docker daemon and no registry:
#   localhost/payments:$IMAGE_TAG and localhost/products:$IMAGE_TAG
#   (IMAGE_TAG defaults to the commit, git rev-parse --short=12 HEAD; each image carries that commit and the
#   digests of its pact and specs as labels, and the pact and its spec in /app/contracts/)
# from Maven Central and Debian's archive only:
#   1. the base image: Debian bookworm (debootstrap --variant=minbase) with a jlinked Java runtime and the
#      user 10001; cached in .image-cache/base-<hash of its recipe>/ and rebuilt only when the recipe changes;
#   2. each image: Jib (jib-maven-plugin, configured in the poms) puts the service's jar, its libs and its
#      SBOM on that base and loads the image into podman;
#   3. the AOT cache: a training run in a container of that image, with the image's own java, classpath and
#      flags, writes <service>/target/aot/app.aot; Jib builds the image again with it as /app/app.aot.
#      payments trains on a throw-away PostgreSQL (local-db) that podman's bridge reaches, migrated first by a
#      one-off container as deploy.sh migrates (the training then starts as a task does: validate), products with a
#      development token (scripts/DevToken.java), so that the happy path is what gets trained; the script
#      stops both when it is done.
# Needs root (debootstrap and rootful podman). On a machine that lacks them it changes the system, saying so
# first and, when run from a terminal, asking first (ASSUME_YES=1 does not ask; CI has no terminal):
#   - installs the Debian packages podman, runc, debootstrap and curl (apt-get);
#   - writes /etc/containers/containers.conf (runtime runc, nofile/nproc ulimits) when it does not exist.
# It writes nothing else outside the repository (.image-cache/, */target/) and podman's image store.
# With a registry there is no need for any of this: see ecs-task-defs/README.md ("Images with a registry").
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE_TAG="${IMAGE_TAG:-$(git rev-parse --short=12 HEAD)}"
SERVICES=(payments products)
DEBIAN_SUITE=bookworm
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# The runtime's modules: what jdeps finds in both services (checked below, after the build) plus
# java.naming and jdk.crypto.ec (JDBC drivers, TLS to a JWKS endpoint) and jdk.management (container metrics);
# java.security.jgss is what the PostgreSQL driver needs for Kerberos (GSSAPI) authentication and encryption.
JAVA_MODULES=java.base,java.desktop,java.management,java.naming,java.net.http,java.security.jgss,java.sql,jdk.crypto.ec,jdk.management,jdk.unsupported
CACHE_DIR=.image-cache

log() { echo "[build-images] $*"; }

confirm() { # what the script is about to change
    log "about to $1"
    if [ -t 0 ] && [ "${ASSUME_YES:-0}" != 1 ]; then
        local answer
        read -r -p "[build-images] go ahead? [y/N] " answer
        [[ "$answer" == [yY]* ]] || { echo "Stopped; nothing was changed." >&2; exit 1; }
    fi
}

install_tools() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "build-images.sh needs root (debootstrap, rootful podman; it may install packages): run it with sudo." >&2
        exit 1
    fi
    local missing=()
    command -v podman >/dev/null || missing+=(podman)
    command -v runc >/dev/null || missing+=(runc)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    command -v curl >/dev/null || missing+=(curl)
    if [ ${#missing[@]} -gt 0 ]; then
        confirm "install ${missing[*]} with apt-get"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}"
    fi
    # podman 4.3 from Debian runs containers here only with runc (crun fails on hybrid cgroups) and with
    # default ulimits below the host's hard limits (higher ones are refused).
    local conf=/etc/containers/containers.conf
    if [ ! -e "$conf" ]; then
        confirm "write $conf (podman: runtime runc, nofile/nproc ulimits)"
        mkdir -p /etc/containers
        printf '%s\n' '[containers]' 'default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]' '' \
            '[engine]' 'runtime = "runc"' >"$conf"
    elif ! grep -q '^runtime *= *"runc"' "$conf"; then
        echo "$conf exists without runtime = \"runc\" under [engine]; add it (and default_ulimits," \
            "see this script) or containers may fail to start." >&2
    fi
}

require_java25() {
    . scripts/java-home.sh
    if [ "$(java_major "$JAVA_HOME/bin/java")" -lt 25 ]; then
        echo "The images run Java 25 (AOT cache) and are jlinked from JAVA_HOME: set JAVA_HOME to a JDK 25+" \
            "(for example /usr/lib/jvm/temurin-25-jdk-amd64); it is $JAVA_HOME." >&2
        exit 1
    fi
}

# The base image's recipe: everything in it that decides what the base contains. Its hash names the cache.
make_base() { # directory image-name
    local dir="$1" image="$2" root="$1/rootfs"
    debootstrap --variant=minbase "$DEBIAN_SUITE" "$root" "$DEBIAN_MIRROR" >"$dir/debootstrap.log"
    # Nothing the services use at run time: package caches and lists, docs, manuals, message catalogues,
    # iconv's converters (Java brings its own charsets).
    rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/var/log/* \
        "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* \
        "$root"/usr/lib/x86_64-linux-gnu/gconv
    # The services' user, numeric as in the task definitions; it owns nothing in the image.
    echo 'app:x:10001:10001:app:/nonexistent:/usr/sbin/nologin' >>"$root/etc/passwd"
    echo 'app:x:10001:' >>"$root/etc/group"
    # Only the modules the services need, compressed (the classes the services load come from their AOT
    # cache, not from lib/modules). No default CDS archive: each image ships its own AOT cache instead.
    "$JAVA_HOME/bin/jlink" --add-modules "$JAVA_MODULES" --strip-debug --no-man-pages --no-header-files \
        --compress=zip-6 --output "$root/opt/java" >/dev/null
    tar -C "$root" --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -c . |
        podman import --quiet --change 'ENV JAVA_HOME=/opt/java' \
            --change 'ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
            --change 'ENV LANG=C.UTF-8' - "$image" >/dev/null
    # Jib reads a base from a docker-archive (an oci-archive fails).
    podman save --quiet --format docker-archive -o "$dir/base.tar.part" "$image"
    mv "$dir/base.tar.part" "$dir/base.tar"
    podman rmi --force "$image" >/dev/null
    rm -rf "$root"
}

base_image() {
    local hash dir
    hash=$( { declare -f make_base; echo "$DEBIAN_SUITE $DEBIAN_MIRROR $JAVA_MODULES"; cat "$JAVA_HOME/release"; } |
        sha256sum | cut -c1-16)
    dir="$CACHE_DIR/base-$hash"
    if [ -s "$dir/base.tar" ]; then
        log "base image: cached ($dir/base.tar)"
    else
        log "base image: building $dir (debootstrap $DEBIAN_SUITE + jlink; a few minutes)"
        rm -rf "$CACHE_DIR"/base-*
        mkdir -p "$dir"
        make_base "$dir" "localhost/service-base:$hash"
    fi
    # The poms read the base from here (image.base).
    ln -sfn "base-$hash/base.tar" "$CACHE_DIR/base.tar"
}

jib_build() { # what
    log "images$1: Jib onto the base, into podman (./mvnw ... package jib:dockerBuild)"
    ./mvnw -B -q -pl "$(IFS=,; echo "${SERVICES[*]}")" -am -DskipTests -Dimage.tag="$IMAGE_TAG" \
        -Dimage.revision="$(git rev-parse HEAD)$(git diff --quiet HEAD -- . || echo -dirty)" \
        -Dimage.pact.sha256="$(sha256sum contracts/products-payments.json | cut -d' ' -f1)" \
        -Dimage.payments-spec.sha256="$(sha256sum api-specs/payments.yaml | cut -d' ' -f1)" \
        -Dimage.products-spec.sha256="$(sha256sum api-specs/products.yaml | cut -d' ' -f1)" \
        -Djib.dockerClient.executable="$(command -v podman)" package jib:dockerBuild
}

# Fails when the code needs a module that the runtime lacks (JAVA_MODULES above).
check_modules() {
    local service module needed
    for service in "${SERVICES[@]}"; do
        needed=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --multi-release 25 --print-module-deps \
            --class-path "$service/target/libs/*" "$service/target/$service.jar")
        for module in ${needed//,/ }; do
            if [[ ",$JAVA_MODULES," != *",$module,"* ]]; then
                echo "$service needs the module $module, which the image's runtime lacks: add it to" \
                    "JAVA_MODULES in $0." >&2
                exit 1
            fi
        done
    done
}

# Settings of the training containers, as ECS would pass them (one place to add a setting).
training_env() { # service [payments' schema step: validate]
    case "$1" in
        # As an ECS task: the schema is already migrated (migrate_training_database), the task only validates it.
        payments) echo "-e PAYMENTS_DB_URL=$TRAINING_DB_URL -e PAYMENTS_DB_USER=postgres -e PAYMENTS_DB_PASSWORD=" \
            "-e PAYMENTS_STORE_SAMPLE_DATA=true -e PAYMENTS_DB_MIGRATE=${2:-validate}" ;;
        # The training's own issuer (start_training_issuer): its key set is mounted, its token is on every call.
        products) echo "-e PAYMENTS_BASE_URI=http://$(container_ip aot-train-payments):5000" \
            "-e PRODUCTS_AUTH_ISSUER=local-dev-issuer -e PRODUCTS_AUTH_AUDIENCE=products" \
            "-e PRODUCTS_AUTH_JWKS_URI=file:/auth/jwks.json -v $(realpath "$TRAINING_DIR/auth"):/auth:ro" ;;
    esac
}

# A throw-away PostgreSQL for payments' training (local-db, from Maven Central), in a temporary directory:
# it admits podman's bridge, where the training containers reach it at the bridge's gateway.
start_training_database() {
    local subnet gateway url_file="$TRAINING_DIR/db.url"
    subnet=$(podman network inspect podman --format '{{range .Subnets}}{{.Subnet}}{{end}}')
    gateway=$(podman network inspect podman --format '{{range .Subnets}}{{.Gateway}}{{end}}')
    "$JAVA_HOME/bin/java" -cp "local-db/target/local-db.jar:local-db/target/libs/*" com.example.localdb.LocalDatabase \
        "$TRAINING_DIR/db" 0 "$url_file" "$subnet" >"$TRAINING_DIR/db.log" 2>&1 &
    TRAINING_DB_PID=$!
    for _ in $(seq 1 300); do # bounded: 60 s (initdb first)
        if [ -s "$url_file" ]; then break; fi
        if ! kill -0 "$TRAINING_DB_PID" 2>/dev/null; then break; fi
        sleep 0.2
    done
    if [ ! -s "$url_file" ]; then
        echo "The training's PostgreSQL did not start; its log:" >&2
        cat "$TRAINING_DIR/db.log" >&2
        return 1
    fi
    TRAINING_DB_URL=$(sed "s|//localhost:|//$gateway:|" "$url_file")
}

# What deploy.sh's one-off task does before the services roll: payments with PAYMENTS_DB_MIGRATE=migrate-only.
migrate_training_database() {
    # shellcheck disable=SC2046 # training_env is a list of options
    podman run --rm --read-only --tmpfs /tmp $(training_env payments migrate-only) "localhost/payments:$IMAGE_TAG" >"$TRAINING_DIR/migrate.log" 2>&1 || {
        echo "The training's migration (payments with PAYMENTS_DB_MIGRATE=migrate-only) failed; its log:" >&2
        cat "$TRAINING_DIR/migrate.log" >&2
        return 1
    }
}

# The token that products' training calls carry: scripts/DevToken.java, as run-local.sh does.
start_training_issuer() {
    TRAINING_TOKEN=$("$JAVA_HOME/bin/java" -cp "products/target/libs/*" scripts/DevToken.java "$TRAINING_DIR/auth/jwks.json")
    chmod -R a+rX "$TRAINING_DIR/auth"
}

container_ip() {
    podman inspect --format '{{.NetworkSettings.IPAddress}}' "$1"
}

await_ready() { # container port
    local url="http://$(container_ip "$1"):$2/observe/health/ready"
    for _ in $(seq 1 300); do
        if curl -fs -o /dev/null "$url"; then return 0; fi
        if [ "$(podman inspect --format '{{.State.Running}}' "$1")" != true ]; then break; fi
        sleep 0.2
    done
    echo "$1 did not become ready; its log:" >&2
    podman logs "$1" >&2
    return 1
}

# Starts a training container: the image's entrypoint with -XX:AOTCache=... turned into -XX:AOTCacheOutput=...
start_training() { # service port
    local service="$1" image="localhost/$1:$IMAGE_TAG" entrypoint training
    entrypoint=$(podman image inspect --format '{{json .Config.Entrypoint}}' "$image")
    training=${entrypoint/\"-XX:AOTCache=\/app\/app.aot\"/\"-XX:AOTCacheOutput=\/train\/app.aot\"}
    if [ "$training" = "$entrypoint" ]; then
        echo "$image's entrypoint has no -XX:AOTCache=/app/app.aot: $entrypoint" >&2
        return 1
    fi
    rm -rf "$service/target/aot"
    mkdir -p "$service/target/aot"
    chown 10001:10001 "$service/target/aot"
    # shellcheck disable=SC2046 # training_env is a list of options
    podman run -d --name "aot-train-$service" --memory 1g --read-only --tmpfs /tmp \
        -v "$(realpath "$service/target/aot"):/train" $(training_env "$service") \
        --entrypoint "$training" "$image" >/dev/null
    await_ready "aot-train-$service" "$2"
}

# What the services do in ECS, a few hundred times: the JIT's profiles and the loaded classes go into the cache.
training_load() {
    local products payments id i created=0 auth=(-H "Authorization: Bearer $TRAINING_TOKEN")
    products="http://$(container_ip aot-train-products):8080"
    payments="http://$(container_ip aot-train-payments):5000"
    for i in $(seq 1 40); do
        id=$(curl -s -X POST "${auth[@]}" -H 'Content-Type: application/json' -H "Idempotency-Key: training-$i" \
            -d '{"amount":"19.99","currency":"EUR","description":"AOT training"}' "$products/api/1.0/payments" |
            sed -n 's/.*"id" *: *"\([^"]*\)".*/\1/p')
        if [ -n "$id" ]; then created=$((created + 1)); fi
        curl -s -o /dev/null "${auth[@]}" "$products/api/1.0/payments/${id:-unknown}"
        curl -s -o /dev/null "${auth[@]}" "$products/api/1.0/payments?limit=5"
        curl -s -o /dev/null "${auth[@]}" "$products/api/1.0/payments?limit=abc"
        curl -s -o /dev/null "${auth[@]}" "$products/api/1.0/products"
        curl -s -o /dev/null "${auth[@]}" "$products/api/1.0/products/unknown"
        curl -s -o /dev/null "$products/api/1.0/products" # no token: 401
        curl -s -o /dev/null "$products/observe/health/ready"
        curl -s -o /dev/null "$payments/metaapi/1.0/payments?limit=5"
        curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d '{}' "$payments/metaapi/1.0/payments"
        curl -s -o /dev/null "$payments/observe/health/live"
    done
    # The happy path is what the cache is for: a training that created nothing trained the wrong code.
    if [ "$created" -eq 0 ]; then
        echo "The training created no payment through products; the containers' logs:" >&2
        podman logs aot-train-products >&2
        podman logs aot-train-payments >&2
        return 1
    fi
    log "training: $created of 40 payments created through products"
}

# SIGTERM, as ECS stops a task; the JVM writes the cache as it exits, then exits with 143 (128 + SIGTERM).
stop_training() { # service
    podman stop --time 120 "aot-train-$1" >/dev/null
    local exit_code
    exit_code=$(podman inspect --format '{{.State.ExitCode}}' "aot-train-$1")
    if [ "$exit_code" != 143 ] || [ ! -s "$1/target/aot/app.aot" ]; then
        echo "The training run of $1 exited with $exit_code and wrote no AOT cache; its log:" >&2
        podman logs "aot-train-$1" >&2
        return 1
    fi
}

remove_training_containers() {
    podman rm --force --ignore aot-train-products aot-train-payments >/dev/null
}

# Everything the training started: its containers, its database (SIGTERM stops PostgreSQL cleanly), its files.
stop_training_everything() {
    remove_training_containers
    if [ -n "${TRAINING_DB_PID:-}" ]; then
        kill -TERM "$TRAINING_DB_PID" 2>/dev/null || true
        wait "$TRAINING_DB_PID" 2>/dev/null || true
        TRAINING_DB_PID=""
    fi
    if [ -n "${TRAINING_DIR:-}" ]; then rm -rf "$TRAINING_DIR"; fi
}

train_aot_caches() {
    log "AOT caches: training runs in containers of the new images"
    TRAINING_DIR=$(mktemp -d "${TMPDIR:-/tmp}/aot-training.XXXXXX")
    trap stop_training_everything EXIT
    remove_training_containers
    start_training_database
    migrate_training_database
    start_training_issuer
    local service untrained=()
    for service in "${SERVICES[@]}"; do
        untrained+=("$(podman image inspect --format '{{.Id}}' "localhost/$service:$IMAGE_TAG")")
    done
    start_training payments 5000
    start_training products 8080
    training_load
    stop_training products
    stop_training payments
    stop_training_everything
    for service in "${SERVICES[@]}"; do
        chown -R 0:0 "$service/target/aot"
    done
    jib_build " with their AOT caches"
    # The images without a cache are no longer tagged; nothing else uses them.
    podman rmi "${untrained[@]}" >/dev/null 2>&1 || true
}

main() {
    local start=$SECONDS
    if [ "$(id -u)" -ne 0 ]; then
        echo "Run as root (debootstrap, rootful podman, apt-get): sudo $0" >&2
        exit 1
    fi
    install_tools
    require_java25
    mkdir -p "$CACHE_DIR"
    base_image
    local service
    for service in "${SERVICES[@]}"; do
        rm -rf "$service/target/aot" && mkdir -p "$service/target/aot" # the first images train it
    done
    jib_build ""
    check_modules
    train_aot_caches
    podman images --filter reference=localhost/payments --filter reference=localhost/products
    log "done in $((SECONDS - start)) s: $(for s in "${SERVICES[@]}"; do printf 'localhost/%s:%s ' "$s" "$IMAGE_TAG"; done)"
}

main "$@"
