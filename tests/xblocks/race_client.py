"""One request of a race, run as a process of its own (stdlib only, so it starts fast).

``python race_client.py URL START_AT CSRF_TOKEN CONTENT_TYPE`` with the body on stdin: waits
until the epoch time ``START_AT``, POSTs, and prints ``{"status": ..., "body": ...}``.
"""

import json
import sys
import time
import urllib.error
import urllib.request


def main() -> None:
    url, start_at, token, content_type = sys.argv[1:5]
    body = sys.stdin.buffer.read()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": content_type,
            "X-CSRFToken": token,
            "Cookie": f"csrftoken={token}",
        },
    )
    while time.time() < float(start_at):
        time.sleep(0.001)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status, text = response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode("utf-8", "replace")
    print(json.dumps({"status": status, "body": text}))


if __name__ == "__main__":
    main()
