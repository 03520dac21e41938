#!/usr/bin/env bash
# Builds the image from docker/Dockerfile with podman (no Docker engine needed) and proves it:
# at most 20 MB, no shell, PID 1 robomaker-local and not root, the health check answers (the time
# from `podman run` to healthy is printed), the boto3/AWS CLI integration suites pass against the
# container (tests/integration with RML_URL), `podman stop` exits 0 with the database closed, and
# data in the volume survives a restart. Always removes its container and volume; exits non-zero on any
# failure. Run by scripts/test.sh (skip locally with RML_SKIP_DOCKER=1); see docker/README.md.
#
# Docker Hub is not needed: the base image docker.io/library/debian:bookworm-slim is made locally
# with debootstrap when it is missing (kept between local runs; made fresh when CI=true), so the
# Dockerfile stays the standard one.
# Environment: RML_IMAGE (default localhost/robomaker-local:ci), RML_DEBIAN_MIRROR.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${RML_IMAGE:-localhost/robomaker-local:ci}
BASE=docker.io/library/debian:bookworm-slim
MIRROR=${RML_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
# runc: the recipe verified on the CI machines; host networking: no CNI/netavark set-up needed.
PODMAN=($SUDO podman --runtime /usr/sbin/runc)
# Without systemd, podman 4.3 logs an error for the health-check timer it cannot add or remove on
# every run/start/stop/rm; `podman healthcheck run` (used here) does not need the timer.
pm() { "${PODMAN[@]}" "$@" 2> >(grep -v 'unable to get systemd connection' >&2); }
NAME=rml-ci-$$
VOLUME=rml-ci-data-$$
ROOTFS=""
T0=$SECONDS

step() { echo "== docker: $* (+$((SECONDS - T0))s)"; }
fail() { echo "docker/ci.sh: FAIL: $*" >&2; exit 1; }

cleanup() {
  local rc=$?
  if [ $rc -ne 0 ] && "${PODMAN[@]}" container exists "$NAME" 2>/dev/null; then
    echo "--- container log (last 40 lines)" >&2
    "${PODMAN[@]}" logs --tail 40 "$NAME" >&2 || true
  fi
  pm rm -f -t 5 "$NAME" >/dev/null 2>&1 || true
  "${PODMAN[@]}" volume rm -f "$VOLUME" >/dev/null 2>&1 || true
  if [ -n "$ROOTFS" ]; then $SUDO rm -rf "$ROOTFS"; fi
  echo "== docker: $([ $rc -eq 0 ] && echo passed || echo "failed ($rc)") in $((SECONDS - T0))s"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "dependencies"
scripts/install-deps.sh docker
# podman's default nofile ulimit (1048576) is above the hard limit of such machines: no defaults.
if [ ! -e /etc/containers/containers.conf ]; then
  printf '[containers]\ndefault_ulimits = []\n' | $SUDO tee /etc/containers/containers.conf >/dev/null
elif ! grep -q '^default_ulimits' /etc/containers/containers.conf; then
  echo "docker/ci.sh: note: /etc/containers/containers.conf has no default_ulimits; kept as it is"
fi

# The official slim image is a debootstrap minbase without documentation, man pages, locales
# and apt caches; this does the same, with the same apt sources.
make_base() {
  ROOTFS=$(mktemp -d /tmp/rml-debian-rootfs.XXXXXX)
  $SUDO debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" >"$ROOTFS.log" 2>&1 \
    || { tail -20 "$ROOTFS.log" >&2; fail "debootstrap (log: $ROOTFS.log)"; }
  rm -f "$ROOTFS.log"
  $SUDO bash -euo pipefail -c '
    cd "$1"
    printf "%s\n" "path-exclude /usr/share/doc/*" "path-include /usr/share/doc/*/copyright" \
      "path-exclude /usr/share/man/*" "path-exclude /usr/share/info/*" "path-exclude /usr/share/groff/*" \
      "path-exclude /usr/share/lintian/*" "path-exclude /usr/share/locale/*" > etc/dpkg/dpkg.cfg.d/docker
    printf "%s\n" "Dir::Cache::pkgcache \"\";" "Dir::Cache::srcpkgcache \"\";" \
      "DPkg::Post-Invoke { \"rm -f /var/cache/apt/archives/*.deb || true\"; };" > etc/apt/apt.conf.d/docker-clean
    printf "%s\n" "Types: deb" "URIs: $2" "Suites: bookworm bookworm-updates" "Components: main" \
      "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" "" "Types: deb" \
      "URIs: http://deb.debian.org/debian-security" "Suites: bookworm-security" "Components: main" \
      "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" > etc/apt/sources.list.d/debian.sources
    rm -f etc/apt/sources.list
    find usr/share/doc -mindepth 1 -not -name copyright -not -type d -delete
    find usr/share/doc -mindepth 1 -type d -empty -delete
    rm -rf usr/share/man/* usr/share/info/* usr/share/groff/* usr/share/lintian/* usr/share/locale/*
    rm -rf var/lib/apt/lists/* var/cache/apt/*.bin var/cache/apt/archives/*.deb var/log/*.log var/log/apt/*
  ' _ "$ROOTFS" "$MIRROR"
  $SUDO tar -C "$ROOTFS" --numeric-owner -c . | "${PODMAN[@]}" import --change 'CMD ["bash"]' - "$BASE" >/dev/null
  $SUDO rm -rf "$ROOTFS"
  ROOTFS=""
}

if [ "${CI:-}" != "true" ] && "${PODMAN[@]}" image exists "$BASE"; then
  step "base image $BASE: kept from an earlier run"
else
  step "base image $BASE: debootstrap from $MIRROR"
  make_base
fi

step "build $IMAGE"
"${PODMAN[@]}" build --pull=never --network host --format docker -f docker/Dockerfile -t "$IMAGE" .
size=$("${PODMAN[@]}" image inspect --format '{{.Size}}' "$IMAGE")
echo "image $IMAGE: $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1e6 }') MB; FROM scratch, the build stage on $BASE)"
[ "$size" -le 20000000 ] || fail "the image is $size bytes, more than 20 MB"
health=$("${PODMAN[@]}" image inspect --format '{{json .HealthCheck.Test}}' "$IMAGE")
[ "$health" = '["CMD","/usr/local/bin/robomaker-local","health"]' ] || fail "unexpected HEALTHCHECK: $health"

# Host networking: the container listens on a port free on this machine.
PORT=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT

wait_healthy() {
  local deadline=$((SECONDS + 30))
  while [ $SECONDS -lt $deadline ]; do
    if [ "$("${PODMAN[@]}" inspect --format '{{.State.Running}}' "$NAME")" != "true" ]; then
      fail "the container stopped while starting"
    fi
    if "${PODMAN[@]}" healthcheck run "$NAME" >/dev/null 2>&1; then
      curl -sf "$URL/_emulator/health" >/dev/null || fail "healthy inside, but $URL does not answer"
      return 0
    fi
    sleep 0.05
  done
  fail "not healthy after 30 s"
}

now_ms() { date +%s%3N; }

step "run on port $PORT with volume $VOLUME"
"${PODMAN[@]}" volume create "$VOLUME" >/dev/null
t_run=$(now_ms)
pm run -d --name "$NAME" --network host -e ROBOMAKER_LOCAL_PORT="$PORT" \
  -v "$VOLUME":/var/lib/robomaker-local "$IMAGE" >/dev/null
t_started=$(now_ms)
wait_healthy
t_healthy=$(now_ms)
echo "time to healthy: $((t_healthy - t_run)) ms from \`podman run\` ($((t_started - t_run)) ms until it returned;" \
  "\`podman healthcheck run\`, i.e. \`robomaker-local health\` in the container, polled every 50 ms)"
curl -sf "$URL/_emulator/health"; echo
# The image has no shell or tools: look at the container's process from the host.
pid=$("${PODMAN[@]}" inspect --format '{{.State.Pid}}' "$NAME")
[ "$($SUDO cat "/proc/$pid/comm")" = robomaker-local ] || fail "the container's process is not robomaker-local"
[ "$($SUDO awk '/^NSpid:/ { print $NF }' "/proc/$pid/status")" = 1 ] || fail "robomaker-local is not PID 1"
uid=$($SUDO awk '/^Uid:/ { print $2 }' "/proc/$pid/status")
[ "$uid" = 10001 ] || fail "robomaker-local runs as uid $uid, expected 10001"
if "${PODMAN[@]}" exec "$NAME" /bin/sh -c true >/dev/null 2>&1; then fail "the image has a shell"; fi

step "integration suites against $URL"
RML_URL=$URL /usr/bin/python3 -m pytest tests/integration -q -p no:cacheprovider -rs

step "data survives podman stop / start"
arn=$(curl -sf -X POST "$URL/createFleet" -H 'Content-Type: application/json' -d '{"name":"survivor"}' \
  | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["arn"])')
pm stop -t 20 "$NAME" >/dev/null
code=$("${PODMAN[@]}" inspect --format '{{.State.ExitCode}}' "$NAME")
[ "$code" = 0 ] || fail "podman stop: exit code $code, expected 0"
# A closed SQLite database in WAL mode has been checkpointed and has no -wal file left.
data=$("${PODMAN[@]}" volume inspect --format '{{.Mountpoint}}' "$VOLUME")
$SUDO test -s "$data/robomaker-local.db" || fail "no database file in the volume"
if $SUDO test -s "$data/robomaker-local.db-wal"; then fail "the database was not closed (WAL left)"; fi
t_run=$(now_ms)
pm start "$NAME" >/dev/null
wait_healthy
echo "time to healthy after \`podman start\` (database in the volume): $(($(now_ms) - t_run)) ms"
body=$(curl -sf -X POST "$URL/describeFleet" -H 'Content-Type: application/json' -d "{\"fleet\":\"$arn\"}") \
  || fail "the fleet is gone after the restart"
case $body in *'"name":"survivor"'*) ;; *) fail "unexpected describeFleet answer: $body" ;; esac
pm stop -t 20 "$NAME" >/dev/null
code=$("${PODMAN[@]}" inspect --format '{{.State.ExitCode}}' "$NAME")
[ "$code" = 0 ] || fail "second podman stop: exit code $code, expected 0"
echo "fleet $arn kept across the restart; both stops exited 0"
