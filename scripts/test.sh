#!/usr/bin/env bash
# Runs every package's tests once (not in watch mode), on SQLite and on the
# PostgreSQL that answers on loopback, as .ci/run and the README do.
set -euo pipefail
export CI=true
# backend-test-utils would start PostgreSQL in Docker; use the local server.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
exec npx backstage-cli repo test "$@"
