#!/usr/bin/env bash
# Starts the xblock-sdk workbench (the embedded LMS) with this project's scenarios and
# JupyterLab with the HR notebooks; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
WORKBENCH_PORT=${1:-8000}
LAB_PORT=${2:-8888}
BIN=.venv/bin
export DJANGO_SETTINGS_MODULE=xblocks.workbench.settings
mkdir -p var
"$BIN/django-admin" migrate --noinput >var/migrate.log
"$BIN/django-admin" createcachetable >>var/migrate.log  # the blocks' locks (xblocks/concurrency.py)
# HR works on copies: JupyterLab saves outputs into the notebooks it opens, and the tracked
# ones in notebooks/ must stay clean. A copy is refreshed when the tracked notebook is newer.
NOTEBOOKS=${TALENT_NOTEBOOKS:-var/notebooks}
mkdir -p "$NOTEBOOKS"
cp -u notebooks/*.ipynb "$NOTEBOOKS"/
TOKEN=$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(16))')
LAB_ROOT_FLAG=()
[ "$(id -u)" = 0 ] && LAB_ROOT_FLAG=(--allow-root)  # containers and CI machines run as root

"$BIN/django-admin" runserver --noreload "127.0.0.1:$WORKBENCH_PORT" >var/workbench-server.log 2>&1 &
WB=$!
"$BIN/jupyter" lab --no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port="$LAB_PORT" \
  --ServerApp.port_retries=0 --ServerApp.root_dir="$(cd "$NOTEBOOKS" && pwd)" \
  --IdentityProvider.token="$TOKEN" "${LAB_ROOT_FLAG[@]}" >var/jupyterlab.log 2>&1 &
LAB=$!
trap 'kill $WB $LAB 2>/dev/null; wait 2>/dev/null; echo; echo "Stopped."' INT TERM EXIT

for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$WORKBENCH_PORT/" && \
  curl -fs -o /dev/null "http://127.0.0.1:$LAB_PORT/api/status?token=$TOKEN" && break
  kill -0 $WB 2>/dev/null || { echo "The workbench did not start; see var/workbench-server.log"; exit 1; }
  kill -0 $LAB 2>/dev/null || { echo "JupyterLab did not start; see var/jupyterlab.log"; exit 1; }
  sleep 1
done
cat <<MSG

  Workbench (learners and course staff): http://127.0.0.1:$WORKBENCH_PORT/
      add ?student=learner_1 for a learner, ?student=staff_hr for course staff
  JupyterLab (HR notebooks):             http://127.0.0.1:$LAB_PORT/lab?token=$TOKEN

  The notebooks open as working copies in $NOTEBOOKS (notebooks/ stays clean).
  Logs are in var/. Press Ctrl-C to stop both.
MSG
wait
