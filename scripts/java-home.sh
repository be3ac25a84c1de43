# Sourced by scripts/run-local.sh and .ci/run: makes JAVA_HOME point at a JDK 21+ (Helidon 4's floor).
# Keeps a JAVA_HOME that is already 21+, else takes the newest JDK 21+ under /usr/lib/jvm, else the
# java on the PATH if it is 21+; fails with a clear message otherwise.

java_major() { # prints the major version of the given java binary, or nothing
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

select_java_home() {
    local candidate major
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        major=$(java_major "$JAVA_HOME/bin/java")
        if [ "${major:-0}" -ge 21 ]; then return 0; fi
    fi
    for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
        if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ] 2>/dev/null; then
            export JAVA_HOME="${candidate%/}"
            return 0
        fi
    done
    if command -v java >/dev/null && [ "$(java_major "$(command -v java)")" -ge 21 ] 2>/dev/null; then
        export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
        return 0
    fi
    echo "Helidon 4 needs a JDK 21 or newer: set JAVA_HOME to one (found none under /usr/lib/jvm or on the PATH)." >&2
    return 1
}

select_java_home
