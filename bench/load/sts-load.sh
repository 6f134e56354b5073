#!/usr/bin/env bash
# Load test: STS GetCallerIdentity and AssumeRole through the whole Gatehouse pipeline against a
# minimal Jetty handler measured in the same run (see lib.sh for the columns, README.md for
# results). AssumeRole is replayed pre-signed: every response carries freshly issued credentials
# (new key id, secret and sealed session token), and its audit record is forced to disk before the
# response, as for every call that is not read-only.
# Needs: a built tree (./gatehouse builds it), wrk, python3-botocore (Debian awscli brings it).
# usage: bench/load/sts-load.sh [DURATION_SECONDS] [CONNECTIONS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run_cases \
  "GetCallerIdentity:sts:Action=GetCallerIdentity&Version=2011-06-15" \
  "AssumeRole:sts:Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A$account%3Arole%2Fbench&RoleSessionName=bench"
