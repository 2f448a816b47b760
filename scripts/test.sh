#!/usr/bin/env bash
# Runs every test once: the packages' jest suites (SQLite and the PostgreSQL
# that answers on loopback), then the end-to-end tests in Debian's Chromium
# against the real app and backend. Extra arguments go to the jest run.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=true
# backend-test-utils would start PostgreSQL in Docker; use the local server.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
npx backstage-cli repo test "$@"
npm run test:e2e
