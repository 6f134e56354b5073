#!/usr/bin/env python3
"""Writes a wrk Lua script replaying one SigV4-signed IAM Query request.

A SigV4 header signature stays valid within the server's 15-minute clock-skew window, so wrk can
replay the same signed request for a whole run.
usage: sign.py ENDPOINT KEY SECRET 'Action=GetUser&Version=2010-05-08&UserName=x' [SERVICE] > out.lua
SERVICE is the signing name, iam (default) or sts.
"""
import sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

endpoint, key, secret, body = sys.argv[1:5]
service = sys.argv[5] if len(sys.argv) > 5 else "iam"
request = AWSRequest(
    method="POST",
    url=endpoint + "/",
    data=body,
    headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
)
SigV4Auth(Credentials(key, secret), service, "us-east-1").add_auth(request)


def lua(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


print('wrk.method = "POST"')
print("wrk.body = " + lua(body))
for name, value in request.headers.items():
    if name.lower() == "host":
        continue
    print("wrk.headers[" + lua(name) + "] = " + lua(value))
print(
    "response = function(status, headers, body)\n"
    "  if status ~= 200 then io.stderr:write('unexpected status ' .. status .. '\\n') end\n"
    "end"
)
