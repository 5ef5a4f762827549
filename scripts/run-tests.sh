#!/usr/bin/env bash
# Runs the tests: tier 1 (no Frappe) always; tier 2 too when a bench is configured:
#   PARINDEX_BENCH=/path/to/frappe-bench PARINDEX_SITE=test.localhost scripts/run-tests.sh
# (the site needs `bench --site SITE set-config allow_tests true`).
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install -q -e ".[test]"
python -m pytest -q

if [ -n "${PARINDEX_BENCH:-}" ] && [ -n "${PARINDEX_SITE:-}" ]; then
	echo "tier 2 on ${PARINDEX_SITE}"
	(cd "$PARINDEX_BENCH" && bench --site "$PARINDEX_SITE" migrate && bench --site "$PARINDEX_SITE" run-tests --app parindex)
fi
