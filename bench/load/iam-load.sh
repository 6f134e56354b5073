#!/usr/bin/env bash
# Load test: GetUser, GetRole, ListPolicies, ListUsers, ListRoles, GetGroup,
# ListGroupsForUser and ListAttachedUserPolicies through the whole Gatehouse pipeline (SigV4, Query
# decode, authorization, snapshot or store, audit, XML) against a minimal Jetty handler measured
# in the same run. Reports req/s, p99 and server CPU per request for each, and the ratios to the
# reference (see lib.sh for the columns and README.md for results).
# Needs: a built tree (./gatehouse builds it), wrk, python3-botocore (Debian awscli brings it).
# usage: bench/load/iam-load.sh [DURATION_SECONDS] [CONNECTIONS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run_cases \
  "GetUser:iam:Action=GetUser&Version=2010-05-08&UserName=bench" \
  "GetRole:iam:Action=GetRole&Version=2010-05-08&RoleName=bench" \
  "ListPolicies:iam:Action=ListPolicies&Version=2010-05-08&Scope=Local" \
  "ListUsers:iam:Action=ListUsers&Version=2010-05-08" \
  "ListRoles:iam:Action=ListRoles&Version=2010-05-08" \
  "GetGroup:iam:Action=GetGroup&Version=2010-05-08&GroupName=bench" \
  "ListGroupsForUser:iam:Action=ListGroupsForUser&Version=2010-05-08&UserName=bench" \
  "ListAttachedUserPolicies:iam:Action=ListAttachedUserPolicies&Version=2010-05-08&UserName=bench"
