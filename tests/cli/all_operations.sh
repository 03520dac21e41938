#!/usr/bin/env bash
# Every one of the 24 RoboMaker operations through the AWS CLI v2 (Debian's /usr/bin/aws) against
# robomaker-local: outputs, error exits, pagination, a deployment to Succeeded and one to Failed.
#
#   RML_BIN=build/server/robomaker-local bash tests/cli/all_operations.sh
#
# Starts its own server ($RML_BIN --port 0 --db :memory: --clock manual), moves the manual clock
# with curl on the control API, prints one line per check and exits non-zero at the first failed
# check. The server is stopped (by its pid) however the script ends. Bulk set-up (extra fleets,
# robots, applications for pagination) goes straight to the REST API with curl, because every
# CLI call costs about half a second; every operation is still called at least once through the
# CLI, and the script checks that at the end.
set -euo pipefail

AWS=/usr/bin/aws
: "${RML_BIN:?set RML_BIN to the robomaker-local binary}"
[[ -x $RML_BIN ]] || { echo "RML_BIN is not executable: $RML_BIN" >&2; exit 2; }
[[ -x $AWS ]] || { echo "$AWS missing (Debian package awscli)" >&2; exit 2; }

# Nothing from the machine's AWS set-up: no config or credential files, no profile, no retries.
while read -r var; do unset "$var"; done < <(compgen -e | grep '^AWS_' || true)
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_PAGER="" AWS_MAX_ATTEMPTS=1 AWS_RETRY_MODE=standard
ACCOUNT=123456789012
REGION=us-east-1
ARN_PREFIX="arn:aws:robomaker:$REGION:$ACCOUNT"

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  local rc=$?
  if [[ -n $SERVER_PID ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$RML_BIN" --port 0 --db :memory: --clock manual >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
line=""
for _ in $(seq 200); do
  line=$(head -n 1 "$WORK/server.out" 2>/dev/null || true)
  [[ $line == "robomaker-local listening on "* ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited: $(cat "$WORK/server.err")" >&2; exit 1; }
  sleep 0.05
done
[[ $line == "robomaker-local listening on "* ]] || { echo "server did not start: $line" >&2; exit 1; }
URL=${line#robomaker-local listening on }
echo "# server $URL (pid $SERVER_PID), $($AWS --version 2>&1)"

# ---------------------------------------------------------------------------------------------
# helpers

CHECKS=0
CALLS=0
declare -A USED=()

pass() { CHECKS=$((CHECKS + 1)); printf 'ok %d - %s\n' "$CHECKS" "$*"; }
fail() {
  printf 'not ok %d - %s\n' "$((CHECKS + 1))" "$*"
  echo "# server log (last lines):"
  tail -n 5 "$WORK/server.out" | sed 's/^/#   /'
  exit 1
}

# cli SUBCOMMAND ARGS...: `aws robomaker` with JSON output; sets RC, OUT (the JSON with brackets,
# braces, quotes and commas removed and whitespace squeezed, so a --query of scalars and lists
# reads "a b c"; JSON null reads "null") and ERR (stderr).
cli() {
  USED[$1]=1
  CALLS=$((CALLS + 1))
  RC=0
  "$AWS" --endpoint-url "$URL" --output json robomaker "$@" >"$WORK/out" 2>"$WORK/err" || RC=$?
  OUT=$(tr -d '[]{}",' <"$WORK/out" | tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//')
  ERR=$(<"$WORK/err")
}

# ok SUBCOMMAND ARGS...: the call must succeed.
ok() {
  cli "$@"
  [[ $RC -eq 0 ]] || fail "aws robomaker $1 exited $RC: $ERR"
}

# expect DESCRIPTION EXPECTED SUBCOMMAND ARGS...: succeeds and OUT equals EXPECTED.
expect() {
  local desc=$1 want=$2
  shift 2
  ok "$@"
  [[ $OUT == "$want" ]] || fail "$desc: expected '$want', got '$OUT'"
  pass "$desc"
}

# expect_re DESCRIPTION REGEX SUBCOMMAND ARGS...: succeeds and OUT matches REGEX (whole).
expect_re() {
  local desc=$1 re=$2
  shift 2
  ok "$@"
  [[ $OUT =~ ^$re$ ]] || fail "$desc: '$OUT' does not match '$re'"
  pass "$desc"
}

# fails DESCRIPTION ERRORNAME SUBCOMMAND ARGS...: exit code 254 (a service error), nothing on
# stdout, and "An error occurred (ERRORNAME)" on stderr.
fails() {
  local desc=$1 error=$2
  shift 2
  cli "$@"
  [[ $RC -eq 254 ]] || fail "$desc: expected exit 254 ($error), got $RC; stdout '$OUT', stderr '$ERR'"
  [[ -z $OUT ]] || fail "$desc: expected no stdout, got '$OUT'"
  [[ $ERR == *"An error occurred ($error)"* ]] || fail "$desc: stderr lacks $error: $ERR"
  pass "$desc -> $error"
}

same() { # DESCRIPTION EXPECTED ACTUAL
  [[ $3 == "$2" ]] || fail "$1: expected '$2', got '$3'"
  pass "$1"
}

# http METHOD PATH [JSON]: a call to the emulator without the CLI (control API, bulk set-up);
# must answer 200; the body is in BODY.
http() {
  local code
  code=$(curl -sS -o "$WORK/http" -w '%{http_code}' -X "$1" -H 'Content-Type: application/json' \
    --data-binary "${3:-}" "$URL$2") || fail "curl $1 $2 failed"
  BODY=$(<"$WORK/http")
  [[ $code == 200 ]] || fail "$1 $2 answered $code: $BODY"
}

arn_of() { grep -o '"arn":"[^"]*"' <<<"$BODY" | head -n 1 | cut -d'"' -f4; }

advance() { http POST /_emulator/clock "{\"advanceSeconds\":$1}"; }

# requests the server logged for an operation so far (one log line per request)
requests() { grep -c " $1 " "$WORK/server.out" || true; }

md5() { printf '%s' "$1" | md5sum | cut -d' ' -f1; }

# ---------------------------------------------------------------------------------------------
echo "# fleets and robots"

ok create-fleet --name cli-fleet --tags team=cli --query '[arn, name, tags.team]'
read -r FLEET rest <<<"$OUT"
same "create-fleet returns name and tags" "cli-fleet cli" "$rest"
[[ $FLEET =~ ^$ARN_PREFIX:deployment-fleet/cli-fleet/[0-9]{13}$ ]] || fail "fleet ARN: $FLEET"
pass "create-fleet ARN $FLEET"

ok create-robot --name cli-r1 --architecture X86_64 --greengrass-group-id gg-1 \
  --query '[arn, name, architecture, greengrassGroupId]'
read -r R1 rest <<<"$OUT"
same "create-robot returns name, architecture, greengrassGroupId" "cli-r1 X86_64 gg-1" "$rest"
[[ $R1 =~ ^$ARN_PREFIX:robot/cli-r1/[0-9]{13}$ ]] || fail "robot ARN: $R1"
pass "create-robot ARN $R1"
http POST /createRobot '{"name":"cli-r2","architecture":"ARM64","greengrassGroupId":"gg-2"}'
R2=$(arn_of)

fails "create-robot with a taken name" ResourceAlreadyExistsException \
  create-robot --name cli-r1 --architecture X86_64 --greengrass-group-id gg-1
fails "create-fleet with a name outside the pattern" InvalidParameterException create-fleet --name 'x y'
[[ $ERR == *"'name'"* ]] || fail "the validation message names the member: $ERR"
pass "the validation message names 'name'"

expect "register-robot echoes fleet and robot" "$FLEET $R1" \
  register-robot --fleet "$FLEET" --robot "$R1" --query '[fleet, robot]'
http POST /registerRobot "{\"fleet\":\"$FLEET\",\"robot\":\"$R2\"}"
expect "describe-fleet lists both robots newest first, each with arn and createdAt only, and its tags" \
  "cli-fleet cli $R2 $R1 arn createdAt" \
  describe-fleet --fleet "$FLEET" --query '[name, tags.team, robots[].arn, keys(robots[0])]'
expect "list-robots filtered by fleetName, newest first" "cli-r2 cli-r1" \
  list-robots --filters name=fleetName,values=cli-fleet --query 'robots[].name'
expect "deregister-robot echoes fleet and robot" "$FLEET $R2" \
  deregister-robot --fleet "$FLEET" --robot "$R2" --query '[fleet, robot]'
expect "describe-robot after deregister: Available again" "Available null" \
  describe-robot --robot "$R2" --query '[status, fleetArn]'
fails "deregister-robot from a fleet it is not in" InvalidParameterException \
  deregister-robot --fleet "$FLEET" --robot "$R2"
GHOST_FLEET="$ARN_PREFIX:deployment-fleet/ghost/1732345678123"
fails "describe-fleet of an unknown ARN" ResourceNotFoundException describe-fleet --fleet "$GHOST_FLEET"
[[ $ERR == *"$GHOST_FLEET"* ]] || fail "the message names the ARN: $ERR"
pass "the not-found message names the ARN"

# ---------------------------------------------------------------------------------------------
echo "# pagination: fleets and robots"

FLEET_NAMES=(cli-fleet)
for i in 0 1 2 3 4 5; do
  http POST /createFleet "{\"name\":\"page-$i\"}"
  FLEET_NAMES+=("page-$i")
done
ROBOT_NAMES=(cli-r1 cli-r2)
for i in 0 1 2 3 4; do
  http POST /createRobot "{\"name\":\"pbot-$i\",\"architecture\":\"X86_64\",\"greengrassGroupId\":\"gg\"}"
  ROBOT_NAMES+=("pbot-$i")
done

before=$(requests ListFleets)
expect "list-fleets --page-size 2: all ${#FLEET_NAMES[@]} fleets, each once, oldest first" \
  "${FLEET_NAMES[*]}" list-fleets --page-size 2 --query 'fleetDetails[].name'
same "list-fleets --page-size 2 made 4 requests" 4 "$(($(requests ListFleets) - before))"

ok list-fleets --max-items 3 --page-size 2 --query '[NextToken, fleetDetails[].name]'
read -r TOKEN names <<<"$OUT"
same "list-fleets --max-items 3: the first three" "${FLEET_NAMES[*]:0:3}" "$names"
[[ $TOKEN != null ]] || fail "list-fleets --max-items 3 gives a NextToken"
pass "list-fleets --max-items 3 gives a NextToken"
ok list-fleets --max-items 3 --page-size 2 --starting-token "$TOKEN" --query '[NextToken, fleetDetails[].name]'
read -r TOKEN names2 <<<"$OUT"
same "list-fleets --starting-token: the next three" "${FLEET_NAMES[*]:3:3}" "$names2"
ok list-fleets --max-items 3 --page-size 2 --starting-token "$TOKEN" --query '[NextToken, fleetDetails[].name]'
same "list-fleets --starting-token: the last one, no NextToken" "null ${FLEET_NAMES[*]:6}" "$OUT"

before=$(requests ListRobots)
NEWEST_ROBOTS=()
for ((i = ${#ROBOT_NAMES[@]} - 1; i >= 0; i--)); do NEWEST_ROBOTS+=("${ROBOT_NAMES[i]}"); done
expect "list-robots --page-size 3: all ${#ROBOT_NAMES[@]} robots, each once, newest first" \
  "${NEWEST_ROBOTS[*]}" list-robots --page-size 3 --query 'robots[].name'
same "list-robots --page-size 3 made 3 requests" 3 "$(($(requests ListRobots) - before))"
fails "list-fleets with a forged service token" InvalidParameterException \
  list-fleets --next-token forged-token --no-paginate

# ---------------------------------------------------------------------------------------------
echo "# robot applications and versions"

SRC_X86=s3Bucket=cli-bucket,s3Key=nav-x86.tar.gz,architecture=X86_64
SRC_ARM=s3Bucket=cli-bucket,s3Key=nav-arm.tar.gz,architecture=ARM64
SUITE=name=ROS2,version=Foxy
ok create-robot-application --name cli-app --sources "$SRC_X86" --robot-software-suite "$SUITE" \
  --query '[arn, revisionId, name, version, sources[].s3Key, robotSoftwareSuite.name]'
read -r APP REV1 rest <<<"$OUT"
same 'create-robot-application: $LATEST with its sources and suite' 'cli-app $LATEST nav-x86.tar.gz ROS2' "$rest"
[[ $APP =~ ^$ARN_PREFIX:robot-application/cli-app/[0-9]{13}$ ]] || fail "application ARN: $APP"
[[ $REV1 =~ ^[0-9a-f-]{36}$ ]] || fail "revisionId: $REV1"
pass "create-robot-application ARN $APP, revisionId $REV1"

ok update-robot-application --application cli-app --sources "$SRC_X86" "$SRC_ARM" \
  --robot-software-suite "$SUITE" --current-revision-id "$REV1" \
  --query '[revisionId, version, sources[].architecture]'
read -r REV2 rest <<<"$OUT"
same "update-robot-application replaces the sources" '$LATEST X86_64 ARM64' "$rest"
[[ $REV2 =~ ^[0-9a-f-]{36}$ && $REV2 != "$REV1" ]] || fail "a new revisionId: $REV1 -> $REV2"
pass "update-robot-application issues a new revisionId"
fails "update-robot-application with a stale currentRevisionId" InvalidParameterException \
  update-robot-application --application "$APP" --sources "$SRC_X86" --robot-software-suite "$SUITE" \
  --current-revision-id "$REV1"

expect "create-robot-application-version: version 1, sources with the object store's etags" \
  "1 $(md5 'cli-bucket/nav-x86.tar.gz#0') $(md5 'cli-bucket/nav-arm.tar.gz#0')" \
  create-robot-application-version --application "$APP" --query '[version, sources[].etag]'
expect "create-robot-application-version by name: version 2" 2 \
  create-robot-application-version --application cli-app --query version
expect "describe-robot-application of version 1" "$APP 1 nav-x86.tar.gz nav-arm.tar.gz" \
  describe-robot-application --application "$APP" --application-version 1 --query '[arn, version, sources[].s3Key]'
expect "list-robot-applications --version-qualifier ALL" '$LATEST 1 2' \
  list-robot-applications --version-qualifier ALL --filters name=name,values=cli-app \
  --query 'robotApplicationSummaries[].version'
expect "delete-robot-application of version 2 answers nothing" "" \
  delete-robot-application --application "$APP" --application-version 2
fails "describe-robot-application of the deleted version" ResourceNotFoundException \
  describe-robot-application --application "$APP" --application-version 2

APP_NAMES=(cli-app)
for i in 0 1 2 3; do
  http POST /createRobotApplication "{\"name\":\"papp-$i\",\"sources\":[{\"s3Bucket\":\"cli-bucket\",\"s3Key\":\"p$i.tar.gz\",\"architecture\":\"X86_64\"}],\"robotSoftwareSuite\":{\"name\":\"ROS2\",\"version\":\"Foxy\"}}"
  APP_NAMES+=("papp-$i")
done
before=$(requests ListRobotApplications)
expect "list-robot-applications --page-size 2: all ${#APP_NAMES[@]} applications, each once" \
  "${APP_NAMES[*]}" list-robot-applications --page-size 2 --query 'robotApplicationSummaries[].name'
same "list-robot-applications --page-size 2 made 3 requests" 3 "$(($(requests ListRobotApplications) - before))"

# ---------------------------------------------------------------------------------------------
echo "# a deployment to Succeeded"

http POST /registerRobot "{\"fleet\":\"$FLEET\",\"robot\":\"$R2\"}"
LAUNCH="packageName=nav,launchFile=nav.launch"
CFG="application=$APP,applicationVersion=1,launchConfig={$LAUNCH}"
JOB_ARGS=(--fleet "$FLEET" --deployment-application-configs "$CFG"
  --deployment-config concurrentDeploymentPercentage=50,failureThresholdPercentage=50)
ok create-deployment-job "${JOB_ARGS[@]}" --client-request-token cli-ok-1 --tags stage=ok \
  --query '[arn, status, fleet, deploymentConfig.concurrentDeploymentPercentage, deploymentApplicationConfigs[0].applicationVersion, tags.stage]'
read -r JOB1 rest <<<"$OUT"
same "create-deployment-job: Pending, with its fleet, config and tags" "Pending $FLEET 50 1 ok" "$rest"
[[ $JOB1 =~ ^$ARN_PREFIX:deployment-job/deployment-[a-z0-9]{12}$ ]] || fail "job ARN: $JOB1"
pass "create-deployment-job ARN $JOB1"
expect "create-deployment-job again with the same token and parameters: the same job" "$JOB1" \
  create-deployment-job "${JOB_ARGS[@]}" --client-request-token cli-ok-1 --tags stage=ok --query arn
fails "the same token with other parameters" IdempotentParameterMismatchException \
  create-deployment-job --fleet "$FLEET" --client-request-token cli-ok-1 \
  --deployment-application-configs "application=$APP,applicationVersion=1,launchConfig={packageName=nav,launchFile=other.launch}"
fails "a second job while the fleet's job is active" ConcurrentDeploymentException \
  create-deployment-job "${JOB_ARGS[@]}" --client-request-token cli-ok-2
advance 0.3
expect "after 0.3 s: Preparing" "Preparing" describe-deployment-job --job "$JOB1" --query status
advance 30
expect "after 30 s more: Succeeded, both robots InSync at Finished" \
  "Succeeded $R1 $R2 InSync InSync Finished Finished" \
  describe-deployment-job --job "$JOB1" \
  --query '[status, robotDeploymentSummary[].arn, robotDeploymentSummary[].status, robotDeploymentSummary[].progressDetail.currentProgress]'
expect "describe-robot: InSync with the job" "InSync $JOB1" \
  describe-robot --robot "$R1" --query '[status, lastDeploymentJob]'
expect "describe-fleet mirrors the job" "Succeeded $JOB1" \
  describe-fleet --fleet "$FLEET" --query '[lastDeploymentStatus, lastDeploymentJob]'
fails "cancel-deployment-job of a Succeeded job" InvalidParameterException cancel-deployment-job --job "$JOB1"

echo "# cancel and sync"
ok create-deployment-job "${JOB_ARGS[@]}" --client-request-token cli-cancel --query '[arn, status]'
read -r JOB2 status <<<"$OUT"
same "a second job once the first has ended: Pending" Pending "$status"
expect "cancel-deployment-job answers nothing" "" cancel-deployment-job --job "$JOB2"
expect "describe-deployment-job: Canceled" Canceled describe-deployment-job --job "$JOB2" --query status

http POST /createRobot '{"name":"cli-r3","architecture":"X86_64","greengrassGroupId":"gg-3"}'
R3=$(arn_of)
http POST /registerRobot "{\"fleet\":\"$FLEET\",\"robot\":\"$R3\"}"
ok sync-deployment-job --fleet "$FLEET" --client-request-token cli-sync \
  --query '[arn, status, deploymentApplicationConfigs[0].applicationVersion, deploymentConfig.concurrentDeploymentPercentage]'
read -r JOB3 rest <<<"$OUT"
same "sync-deployment-job: Pending, repeating the Succeeded job's configs" "Pending 1 50" "$rest"
advance 30
expect "the sync job deploys only the robot not in sync" "Succeeded $R3 InSync" \
  describe-deployment-job --job "$JOB3" --query '[status, robotDeploymentSummary[].arn, robotDeploymentSummary[].status]'
http POST /listFleets '{"filters":[{"name":"name","values":["page-0"]}]}'
PAGE0=$(arn_of)
fails "sync-deployment-job on a fleet without a Succeeded job" InvalidParameterException \
  sync-deployment-job --fleet "$PAGE0" --client-request-token cli-sync-none

# ---------------------------------------------------------------------------------------------
echo "# a deployment to Failed"

http POST /createFleet '{"name":"cli-fail-fleet"}'
FAIL_FLEET=$(arn_of)
http POST /createRobot '{"name":"fb1","architecture":"X86_64","greengrassGroupId":"gg"}'
FB1=$(arn_of)
http POST /createRobot '{"name":"fb2","architecture":"X86_64","greengrassGroupId":"gg"}'
FB2=$(arn_of)
http POST /registerRobot "{\"fleet\":\"$FAIL_FLEET\",\"robot\":\"$FB1\"}"
http POST /registerRobot "{\"fleet\":\"$FAIL_FLEET\",\"robot\":\"$FB2\"}"
expect "tag-resource: robot fb1 tagged emulator:fail=PreLaunchFileFailure" "" \
  tag-resource --resource-arn "$FB1" --tags emulator:fail=PreLaunchFileFailure
ok create-deployment-job --fleet "$FAIL_FLEET" --client-request-token cli-fail \
  --deployment-application-configs "application=$APP,applicationVersion=1,launchConfig={$LAUNCH,preLaunchFile=pre.sh,environmentVariables={EMULATOR_FAIL=GreengrassDeploymentFailed:fb2}}" \
  --query '[arn, status]'
read -r JOB4 status <<<"$OUT"
same "create-deployment-job with EMULATOR_FAIL for fb2: Pending" Pending "$status"
advance 30
expect "the job Failed with FailureThresholdBreached; fb1 PreLaunchFileFailure at ExecutingPreLaunch, fb2 GreengrassDeploymentFailed" \
  "Failed FailureThresholdBreached $FB1 $FB2 Failed Failed PreLaunchFileFailure GreengrassDeploymentFailed ExecutingPreLaunch" \
  describe-deployment-job --job "$JOB4" \
  --query '[status, failureCode, robotDeploymentSummary[].arn, robotDeploymentSummary[].status, robotDeploymentSummary[].failureCode, robotDeploymentSummary[0].progressDetail.currentProgress]'
http GET "/_emulator/jobs/${JOB4##*/}/events"
[[ $BODY == *'"failureCode":"PreLaunchFileFailure"'* && $BODY == *'"failureCode":"GreengrassDeploymentFailed"'* ]] \
  || fail "the timeline names both failure codes: $BODY"
pass "the job's timeline (control API) records both failure codes"

echo "# listing deployment jobs"
expect "list-deployment-jobs filtered by status Failed" "$JOB4" \
  list-deployment-jobs --filters name=status,values=Failed --query 'deploymentJobs[].arn'
before=$(requests ListDeploymentJobs)
expect "list-deployment-jobs --page-size 1: all four jobs, each once, newest first" "$JOB4 $JOB3 $JOB2 $JOB1" \
  list-deployment-jobs --page-size 1 --query 'deploymentJobs[].arn'
same "list-deployment-jobs --page-size 1 made 4 requests" 4 "$(($(requests ListDeploymentJobs) - before))"
ok list-deployment-jobs --max-items 3 --page-size 2 --query '[NextToken, deploymentJobs[].arn]'
read -r TOKEN names <<<"$OUT"
same "list-deployment-jobs --max-items 3: the newest three" "$JOB4 $JOB3 $JOB2" "$names"
expect "list-deployment-jobs --starting-token: the oldest one" "null $JOB1" \
  list-deployment-jobs --starting-token "$TOKEN" --page-size 2 --query '[NextToken, deploymentJobs[].arn]'

# ---------------------------------------------------------------------------------------------
echo "# tags"

expect "tag-resource on a fleet answers nothing" "" tag-resource --resource-arn "$FLEET" --tags a=1,b=2
expect "list-tags-for-resource: the create-time tag and the new ones" "1 2 cli" \
  list-tags-for-resource --resource-arn "$FLEET" --query '[tags.a, tags.b, tags.team]'
expect "untag-resource answers nothing" "" untag-resource --resource-arn "$FLEET" --tag-keys a team
expect "list-tags-for-resource after untag" "b" list-tags-for-resource --resource-arn "$FLEET" --query 'keys(tags)'
expect "list-tags-for-resource of a deployment job" "ok" \
  list-tags-for-resource --resource-arn "$JOB1" --query 'tags.stage'
fails "tag-resource on an unknown ARN" ResourceNotFoundException \
  tag-resource --resource-arn "$GHOST_FLEET" --tags a=1

# ---------------------------------------------------------------------------------------------
echo "# deletes"

expect "delete-robot answers nothing" "" delete-robot --robot "$R2"
fails "describe-robot of the deleted robot" ResourceNotFoundException describe-robot --robot "$R2"
expect "delete-fleet answers nothing" "" delete-fleet --fleet "$FLEET"
expect "delete-fleet deregistered its robots" "Available null" \
  describe-robot --robot "$R1" --query '[status, fleetArn]'
expect "delete-robot-application of the whole application" "" delete-robot-application --application "$APP"
fails "describe-robot-application of the deleted application" ResourceNotFoundException \
  describe-robot-application --application "$APP"
fails "describe-deployment-job of an unknown job" ResourceNotFoundException \
  describe-deployment-job --job "$ARN_PREFIX:deployment-job/deployment-000000000000"

# ---------------------------------------------------------------------------------------------
ALL_OPS=(create-fleet delete-fleet describe-fleet list-fleets register-robot deregister-robot
  create-robot delete-robot describe-robot list-robots
  create-robot-application create-robot-application-version describe-robot-application
  update-robot-application list-robot-applications delete-robot-application
  tag-resource untag-resource list-tags-for-resource
  create-deployment-job describe-deployment-job list-deployment-jobs cancel-deployment-job sync-deployment-job)
missing=()
for op in "${ALL_OPS[@]}"; do [[ -n ${USED[$op]:-} ]] || missing+=("$op"); done
[[ ${#missing[@]} -eq 0 ]] || fail "operations never called through the CLI: ${missing[*]}"
pass "all ${#ALL_OPS[@]} operations were called through the AWS CLI"
echo "# $CHECKS checks passed ($CALLS AWS CLI calls, ${SECONDS}s)"
