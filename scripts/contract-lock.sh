#!/bin/sh
# The contract lock (run by ./mvnw verify after products' consumer tests, or by hand): the pacts the
# consumer tests have just written into contracts/ must be the ones in git. A contract therefore changes
# only as a reviewed diff. Usage: scripts/contract-lock.sh [repository root, default: this checkout]
set -eu
root=${1:-"$(dirname "$0")/.."}
cd "$root"
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "contract lock: $(pwd) is not a git checkout, so the pacts in contracts/ cannot be compared with the committed ones" >&2
    exit 2
fi
untracked=$(git ls-files --others --exclude-standard -- contracts/)
if git diff --quiet -- contracts/ && [ -z "$untracked" ]; then
    exit 0
fi
{
    echo "contract lock: the consumer tests wrote pacts that differ from the ones in git:"
    git --no-pager diff --stat -- contracts/
    for file in $untracked; do echo " $file (new)"; done
    cat <<'MESSAGE'

If the change is deliberate, accept it: review it, stage it and run the build again, which then checks
the new pact against api-specs/ and verifies the provider against it; commit it with the code that
changed it.
    git diff contracts/
    git add contracts/
    ./mvnw -B verify
If it is not deliberate, fix the consumer test; `git checkout contracts/` restores the committed pacts.
MESSAGE
} >&2
exit 1
