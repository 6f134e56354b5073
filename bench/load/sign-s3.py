#!/usr/bin/env python3
"""Writes a wrk Lua script replaying one SigV4-signed S3 request (path style).

The payload's SHA-256 is signed (x-amz-content-sha256), as the AWS SDKs do over plain HTTP; a
header signature stays valid within the server's 15-minute clock-skew window, so wrk can replay
the same signed request for a whole run (a replayed PUT overwrites the same key with the same bytes).
usage: sign-s3.py ENDPOINT KEY SECRET METHOD /bucket/key [BODY_BYTES] > out.lua
The body is BODY_BYTES bytes of 'a' (default 0).
"""
import sys
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

endpoint, key, secret, method, path = sys.argv[1:6]
size = int(sys.argv[6]) if len(sys.argv) > 6 else 0
body = "a" * size
headers = {"Content-Type": "application/octet-stream"} if size else {}
request = AWSRequest(method=method, url=endpoint + path, data=body.encode(), headers=headers)
S3SigV4Auth(Credentials(key, secret), "s3", "us-east-1").add_auth(request)


def lua(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


print("wrk.method = " + lua(method))
print("wrk.path = " + lua(path))
if size:
    print('wrk.body = string.rep("a", %d)' % size)
for name, value in request.headers.items():
    if name.lower() == "host":
        continue
    print("wrk.headers[" + lua(name) + "] = " + lua(value))
print(
    "response = function(status, headers, body)\n"
    "  if status ~= 200 then io.stderr:write('unexpected status ' .. status .. '\\n') end\n"
    "end"
)
