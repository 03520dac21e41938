// Deployment jobs through the AWS SDK for JavaScript v3 on the manual clock (SEMANTICS §6-§8,
// docs/engine.md, docs/faults.md): a job to Succeeded step by step, jobs to Failed with failure
// codes (robot tag, EMULATOR_FAIL, a deleted source object), idempotency tokens, concurrency,
// cancel, sync, tags on jobs, ListDeploymentJobs filters and paginateListDeploymentJobs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateFleetCommand, DescribeFleetCommand, CreateRobotCommand, DescribeRobotCommand, RegisterRobotCommand,
  CreateRobotApplicationCommand, CreateRobotApplicationVersionCommand,
  CreateDeploymentJobCommand, DescribeDeploymentJobCommand, ListDeploymentJobsCommand,
  CancelDeploymentJobCommand, SyncDeploymentJobCommand,
  TagResourceCommand, UntagResourceCommand, ListTagsForResourceCommand,
  paginateListDeploymentJobs,
  ConcurrentDeploymentException, IdempotentParameterMismatchException,
} from '@aws-sdk/client-robomaker';
import { useServer } from './server.mjs';
import { control, advance, clockNowMs, floorToSecond, rejectsWith, assertDate, TERMINAL, ARN_PREFIX } from './helpers.mjs';

const BUCKET = 'js-deploy';
const X86 = { s3Bucket: BUCKET, s3Key: 'nav-x86.tar.gz', architecture: 'X86_64' };
const ARM = { s3Bucket: BUCKET, s3Key: 'nav-arm.tar.gz', architecture: 'ARM64' };
const LAUNCH = { packageName: 'nav', launchFile: 'nav.launch' };
const JOB_ARN = new RegExp(`^${ARN_PREFIX}:deployment-job/deployment-[a-z0-9]{12}$`);

let app; // robot application ARN with version 1 (X86_64 and ARM64 sources), made once the server is up
const server = useServer(async ({ rm }) => {
  app = (await rm.send(new CreateRobotApplicationCommand({
    name: 'js-deploy-app', sources: [X86, ARM], robotSoftwareSuite: { name: 'ROS2', version: 'Foxy' },
  }))).arn;
  assert.equal((await rm.send(new CreateRobotApplicationVersionCommand({ application: app }))).version, '1');
});

/** A fleet with registered robots `${name}-0`, `${name}-1`, ...; returns {fleet, robots: [arn]}. */
async function makeFleet(name, architectures) {
  const fleet = (await server.rm.send(new CreateFleetCommand({ name }))).arn;
  const robots = [];
  for (const [i, architecture] of architectures.entries()) {
    const arn = (await server.rm.send(new CreateRobotCommand({ name: `${name}-${i}`, architecture, greengrassGroupId: 'gg' }))).arn;
    await server.rm.send(new RegisterRobotCommand({ fleet, robot: arn }));
    robots.push(arn);
  }
  return { fleet, robots };
}

const appConfigs = (launch = LAUNCH) => [{ application: app, applicationVersion: '1', launchConfig: { ...launch } }];

const describe = (job) => server.rm.send(new DescribeDeploymentJobCommand({ job }));

/** Advances the clock `step` seconds at a time until the job is terminal; every Describe seen. */
async function runToEnd(job, step = 0.1, limit = 2000) {
  const seen = [];
  for (let i = 0; i < limit; i++) {
    const d = await describe(job);
    seen.push(d);
    if (TERMINAL.has(d.status)) return { final: d, seen };
    await advance(server.url, step);
  }
  throw new Error(`${job} did not end within ${limit} steps`);
}

const byArn = (d) => Object.fromEntries((d.robotDeploymentSummary ?? []).map((r) => [r.arn, r]));
const dedupe = (xs) => xs.filter((x, i) => i === 0 || x !== xs[i - 1]);

test('a deployment to Succeeded, watched step by step on the manual clock', async () => {
  const { fleet, robots } = await makeFleet('d-ok', ['X86_64', 'ARM64', 'X86_64']);
  const now = await clockNowMs(server.url);
  const config = { concurrentDeploymentPercentage: 50, failureThresholdPercentage: 50, robotDeploymentTimeoutInSeconds: 600 };
  const created = await server.rm.send(new CreateDeploymentJobCommand({
    fleet, clientRequestToken: 'js-ok-1', deploymentApplicationConfigs: appConfigs(), deploymentConfig: config,
    tags: { stage: 'ok' },
  }));
  assert.match(created.arn, JOB_ARN);
  assert.equal(created.status, 'Pending');
  assert.equal(created.fleet, fleet);
  assert.deepEqual(created.deploymentConfig, config, 'deploymentConfig echoed as given');
  assert.deepEqual(created.deploymentApplicationConfigs, appConfigs());
  assert.deepEqual(created.tags, { stage: 'ok' });
  assertDate(created.createdAt, 'CreateDeploymentJob createdAt');
  assert.equal(created.createdAt.getTime(), floorToSecond(now), 'createdAt: the present in whole seconds');

  const { final, seen } = await runToEnd(created.arn);
  assert.deepEqual(dedupe(seen.map((d) => d.status)), ['Pending', 'Preparing', 'InProgress', 'Succeeded']);
  assert.equal(final.failureCode, undefined);
  assert.equal(final.createdAt.getTime(), created.createdAt.getTime());
  assert.deepEqual(final.deploymentConfig, config);

  // robots: queued, deploying (with download progress), in sync; never more than ceil(3*50%)=2 at once
  const robotStatuses = new Set();
  let progressSeen = false;
  for (const d of seen) {
    const deploying = (d.robotDeploymentSummary ?? []).filter((r) => r.status === 'Deploying');
    assert.ok(deploying.length <= 2, `at most 2 robots deploying at once, saw ${deploying.length}`);
    for (const r of d.robotDeploymentSummary ?? []) {
      robotStatuses.add(r.status);
      if (r.progressDetail?.currentProgress === 'DownloadingExtracting' && r.progressDetail.percentDone !== undefined) {
        progressSeen = true;
        assert.equal(typeof r.progressDetail.percentDone, 'number');
        assert.ok(r.progressDetail.percentDone >= 0 && r.progressDetail.percentDone <= 100);
        assert.equal(typeof r.progressDetail.estimatedTimeRemainingSeconds, 'number');
        assert.equal(r.progressDetail.targetResource, created.arn);
      }
    }
  }
  assert.ok(progressSeen, 'a robot was seen in DownloadingExtracting with percentDone');
  for (const s of ['PendingNewDeployment', 'Deploying', 'InSync']) assert.ok(robotStatuses.has(s), `robot status ${s} seen`);

  const summary = byArn(final);
  assert.deepEqual(Object.keys(summary).sort(), [...robots].sort());
  for (const r of Object.values(summary)) {
    assert.equal(r.status, 'InSync');
    assert.equal(r.progressDetail.currentProgress, 'Finished');
    assert.equal(r.failureCode, undefined);
    assertDate(r.deploymentStartTime, 'deploymentStartTime');
    assertDate(r.deploymentFinishTime, 'deploymentFinishTime');
    assert.ok(r.deploymentStartTime <= r.deploymentFinishTime);
    assert.ok(r.deploymentStartTime >= created.createdAt);
  }

  const robot = await server.rm.send(new DescribeRobotCommand({ robot: robots[1] }));
  assert.equal(robot.status, 'InSync');
  assert.equal(robot.lastDeploymentJob, created.arn);
  assertDate(robot.lastDeploymentTime, 'DescribeRobot lastDeploymentTime');
  assert.equal(robot.lastDeploymentTime.getTime(), created.createdAt.getTime());
  const df = await server.rm.send(new DescribeFleetCommand({ fleet }));
  assert.equal(df.lastDeploymentStatus, 'Succeeded');
  assert.equal(df.lastDeploymentJob, created.arn);
  assertDate(df.lastDeploymentTime, 'DescribeFleet lastDeploymentTime');
  assert.deepEqual(df.robots.map((r) => r.arn), [...robots].reverse(), 'DescribeFleet robots newest first');
  for (const r of robots) {
    const d = await server.rm.send(new DescribeRobotCommand({ robot: r }));
    assert.ok(d.status === 'InSync' && d.lastDeploymentJob === created.arn, JSON.stringify(d));
  }

  const listed = await server.rm.send(new ListDeploymentJobsCommand({ filters: [{ name: 'fleetName', values: ['d-ok'] }] }));
  assert.equal(listed.deploymentJobs.length, 1);
  assert.equal(listed.deploymentJobs[0].arn, created.arn);
  assert.equal(listed.deploymentJobs[0].status, 'Succeeded');
  assertDate(listed.deploymentJobs[0].createdAt, 'ListDeploymentJobs createdAt');

  const timeline = await control(server.url, 'GET', `/_emulator/jobs/${encodeURIComponent(created.arn)}/events`);
  const jobEvents = timeline.events.filter((e) => e.resource === 'job').map((e) => e.newStatus);
  assert.deepEqual(jobEvents, ['Pending', 'Preparing', 'InProgress', 'Succeeded']);

  await rejectsWith(() => server.rm.send(new CancelDeploymentJobCommand({ job: created.arn })), 'InvalidParameterException');
});

test('tokens, concurrency, create-time errors and CancelDeploymentJob', async () => {
  const { fleet, robots } = await makeFleet('d-idem', ['X86_64', 'X86_64']);
  const params = { fleet, clientRequestToken: 'js-idem-1', deploymentApplicationConfigs: appConfigs() };
  const first = await server.rm.send(new CreateDeploymentJobCommand(params));
  const again = await server.rm.send(new CreateDeploymentJobCommand(params));
  assert.equal(again.arn, first.arn, 'the same token and parameters return the same job');

  let err = await rejectsWith(() => server.rm.send(new CreateDeploymentJobCommand({
    ...params, deploymentApplicationConfigs: appConfigs({ ...LAUNCH, launchFile: 'other.launch' }),
  })), 'IdempotentParameterMismatchException');
  assert.ok(err instanceof IdempotentParameterMismatchException);
  err = await rejectsWith(() => server.rm.send(new CreateDeploymentJobCommand({ ...params, clientRequestToken: 'js-idem-2' })),
    'ConcurrentDeploymentException');
  assert.ok(err instanceof ConcurrentDeploymentException);
  // without a token the SDK generates one (idempotencyToken): still refused, the fleet is busy
  const { clientRequestToken: _unused, ...noToken } = params;
  await rejectsWith(() => server.rm.send(new CreateDeploymentJobCommand(noToken)), 'ConcurrentDeploymentException');

  const ghost = `${ARN_PREFIX}:deployment-fleet/ghost/1732345678123`;
  await rejectsWith(() => server.rm.send(new CreateDeploymentJobCommand({ ...params, fleet: ghost, clientRequestToken: 'js-g' })),
    'ResourceNotFoundException');
  await rejectsWith(() => server.rm.send(new CreateDeploymentJobCommand({
    ...params, clientRequestToken: 'js-v9', deploymentApplicationConfigs: [{ ...appConfigs()[0], applicationVersion: '9' }],
  })), 'ResourceNotFoundException');
  const empty = (await server.rm.send(new CreateFleetCommand({ name: 'd-empty' }))).arn;
  await rejectsWith(() => server.rm.send(new CreateDeploymentJobCommand({ ...params, fleet: empty, clientRequestToken: 'js-e' })),
    'InvalidParameterException');
  await rejectsWith(() => server.rm.send(new CreateDeploymentJobCommand({
    ...params, clientRequestToken: 'js-t', deploymentConfig: { robotDeploymentTimeoutInSeconds: 30 },
  })), 'InvalidParameterException');
  await rejectsWith(() => server.rm.send(new CreateDeploymentJobCommand({
    ...params, clientRequestToken: 'js-f', deploymentApplicationConfigs: appConfigs({ ...LAUNCH, environmentVariables: { EMULATOR_FAIL: 'NoSuchCode' } }),
  })), 'InvalidParameterException');

  // cancel while Preparing: robots that had not finished end RobotDeploymentAborted
  await advance(server.url, 0.3);
  assert.equal((await describe(first.arn)).status, 'Preparing');
  const canceled = await server.rm.send(new CancelDeploymentJobCommand({ job: first.arn }));
  assert.equal(canceled.$metadata.httpStatusCode, 200);
  const d = await describe(first.arn);
  assert.equal(d.status, 'Canceled');
  for (const r of d.robotDeploymentSummary ?? []) assert.equal(r.failureCode, 'RobotDeploymentAborted');
  await server.rm.send(new CancelDeploymentJobCommand({ job: first.arn })); // a Canceled job: no-op
  for (const arn of robots) assert.equal((await server.rm.send(new DescribeRobotCommand({ robot: arn }))).status, 'Registered');
  await advance(server.url, 30);
  assert.equal((await describe(first.arn)).status, 'Canceled', 'a canceled job stays canceled');

  // the fleet is free again; the SDK fills in clientRequestToken itself
  const next = await server.rm.send(new CreateDeploymentJobCommand(noToken));
  assert.notEqual(next.arn, first.arn);
  assert.equal((await runToEnd(next.arn)).final.status, 'Succeeded');
  await rejectsWith(() => server.rm.send(new DescribeDeploymentJobCommand({ job: `${ARN_PREFIX}:deployment-job/deployment-000000000000` })),
    'ResourceNotFoundException');
});

test('a deployment to Failed: robot tag and EMULATOR_FAIL give the robots failure codes, the job FailureThresholdBreached', async () => {
  const { fleet, robots } = await makeFleet('d-fail', ['X86_64', 'X86_64', 'ARM64']);
  await server.rm.send(new TagResourceCommand({ resourceArn: robots[0], tags: { 'emulator:fail': 'PreLaunchFileFailure' } }));
  const job = await server.rm.send(new CreateDeploymentJobCommand({
    fleet, clientRequestToken: 'js-fail-1',
    deploymentConfig: { failureThresholdPercentage: 60 },
    deploymentApplicationConfigs: appConfigs({
      ...LAUNCH, preLaunchFile: 'pre.sh', environmentVariables: { EMULATOR_FAIL: 'LambdaDeleted:d-fail-1', MODE: 'sim' },
    }),
  }));
  const { final } = await runToEnd(job.arn);
  assert.equal(final.status, 'Failed');
  assert.equal(final.failureCode, 'FailureThresholdBreached');
  assert.equal(typeof final.failureReason, 'string');
  const s = byArn(final);
  assert.equal(s[robots[0]].status, 'Failed');
  assert.equal(s[robots[0]].failureCode, 'PreLaunchFileFailure');
  assert.equal(s[robots[0]].progressDetail.currentProgress, 'ExecutingPreLaunch');
  assert.ok(s[robots[0]].failureReason);
  assert.equal(s[robots[1]].status, 'Failed');
  assert.equal(s[robots[1]].failureCode, 'LambdaDeleted');
  assert.equal(s[robots[1]].progressDetail.currentProgress, 'Launching');
  // the healthy robot either finished before the threshold broke or was aborted
  assert.ok(s[robots[2]].status === 'InSync' || s[robots[2]].failureCode === 'RobotDeploymentAborted',
    JSON.stringify(s[robots[2]]));

  const r0 = await server.rm.send(new DescribeRobotCommand({ robot: robots[0] }));
  assert.equal(r0.status, 'Failed');
  assert.equal(r0.lastDeploymentJob, job.arn);
  assert.equal((await server.rm.send(new DescribeFleetCommand({ fleet }))).lastDeploymentStatus, 'Failed');

  const timeline = await control(server.url, 'GET', `/_emulator/jobs/${job.arn.split('/').pop()}/events`);
  const failures = timeline.events.filter((e) => e.resource === 'robot' && e.newStatus === 'Failed');
  assert.deepEqual(failures.map((e) => [e.arn, e.failureCode, e.step]).sort(),
    [[robots[0], 'PreLaunchFileFailure', 'ExecutingPreLaunch'], [robots[1], 'LambdaDeleted', 'Launching']].sort());
});

test('a deployment to Failed at Preparing: a deleted source object gives the job ResourceNotFound', async () => {
  const { fleet, robots } = await makeFleet('d-gone', ['ARM64']);
  await control(server.url, 'POST', '/_emulator/objects', { bucket: BUCKET, key: ARM.s3Key, action: 'delete' });
  try {
    const job = await server.rm.send(new CreateDeploymentJobCommand({
      fleet, clientRequestToken: 'js-gone-1', deploymentApplicationConfigs: appConfigs(),
    }));
    const { final, seen } = await runToEnd(job.arn);
    assert.deepEqual(dedupe(seen.map((d) => d.status)), ['Pending', 'Preparing', 'Failed']);
    assert.equal(final.failureCode, 'ResourceNotFound');
    assert.ok(final.failureReason);
    assert.equal((await server.rm.send(new DescribeRobotCommand({ robot: robots[0] }))).status, 'Registered');
  } finally {
    await control(server.url, 'POST', '/_emulator/objects', { bucket: BUCKET, key: ARM.s3Key, action: 'restore' });
  }
});

test('SyncDeploymentJob repeats the last Succeeded job for the robots not in sync', async () => {
  const { fleet } = await makeFleet('d-sync', ['X86_64']);
  await rejectsWith(() => server.rm.send(new SyncDeploymentJobCommand({ fleet, clientRequestToken: 'js-sync-0' })),
    'InvalidParameterException');
  const config = { concurrentDeploymentPercentage: 100, robotDeploymentTimeoutInSeconds: 900 };
  const job = await server.rm.send(new CreateDeploymentJobCommand({
    fleet, clientRequestToken: 'js-sync-base', deploymentApplicationConfigs: appConfigs(), deploymentConfig: config,
  }));
  assert.equal((await runToEnd(job.arn)).final.status, 'Succeeded');

  const late = (await server.rm.send(new CreateRobotCommand({ name: 'd-sync-late', architecture: 'ARM64', greengrassGroupId: 'gg' }))).arn;
  await server.rm.send(new RegisterRobotCommand({ fleet, robot: late }));
  const sync = await server.rm.send(new SyncDeploymentJobCommand({ fleet, clientRequestToken: 'js-sync-1' }));
  assert.match(sync.arn, JOB_ARN);
  assert.notEqual(sync.arn, job.arn);
  assert.equal(sync.status, 'Pending');
  assert.equal(sync.fleet, fleet);
  assert.deepEqual(sync.deploymentApplicationConfigs, appConfigs());
  assert.deepEqual(sync.deploymentConfig, config);
  assertDate(sync.createdAt, 'SyncDeploymentJob createdAt');
  assert.equal((await server.rm.send(new SyncDeploymentJobCommand({ fleet, clientRequestToken: 'js-sync-1' }))).arn, sync.arn,
    'the same token returns the same sync job');
  await rejectsWith(() => server.rm.send(new SyncDeploymentJobCommand({ fleet, clientRequestToken: 'js-sync-2' })),
    'ConcurrentDeploymentException');

  const { final } = await runToEnd(sync.arn);
  assert.equal(final.status, 'Succeeded');
  assert.deepEqual(final.robotDeploymentSummary.map((r) => [r.arn, r.status]), [[late, 'InSync']]);

  // nothing left to sync: the job still runs and succeeds with an empty summary (SDK-made token)
  const idle = await server.rm.send(new SyncDeploymentJobCommand({ fleet }));
  const done = (await runToEnd(idle.arn)).final;
  assert.equal(done.status, 'Succeeded');
  assert.deepEqual(done.robotDeploymentSummary ?? [], []);
});

test('tags on deployment jobs, ListDeploymentJobs filters and paginateListDeploymentJobs', async () => {
  const all = [];
  for await (const page of paginateListDeploymentJobs({ client: server.rm, pageSize: 1 }, {})) {
    assert.equal(page.deploymentJobs.length, 1, 'pages of one');
    all.push(page.deploymentJobs[0]);
  }
  assert.ok(all.length >= 7, `jobs from the earlier tests: ${all.length}`);
  assert.equal(new Set(all.map((j) => j.arn)).size, all.length, 'every job once');
  const times = all.map((j) => j.createdAt.getTime());
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  for (const t of times) assert.equal(t % 1000, 0, 'whole seconds');

  const pages = [];
  for await (const page of paginateListDeploymentJobs({ client: server.rm, pageSize: 3 }, {})) pages.push(page);
  assert.equal(pages.length, Math.ceil(all.length / 3));
  assert.deepEqual(pages.flatMap((p) => p.deploymentJobs.map((j) => j.arn)), all.map((j) => j.arn));
  assert.equal(pages.at(-1).nextToken, undefined);

  const failed = await server.rm.send(new ListDeploymentJobsCommand({ filters: [{ name: 'status', values: ['Failed'] }] }));
  assert.deepEqual(failed.deploymentJobs.map((j) => j.failureCode).sort(), ['FailureThresholdBreached', 'ResourceNotFound']);
  const canceled = await server.rm.send(new ListDeploymentJobsCommand({ filters: [{ name: 'status', values: ['Canceled'] }] }));
  assert.equal(canceled.deploymentJobs.length, 1);

  const job = all.at(-1).arn; // the oldest: the first test's job, tagged stage=ok
  assert.deepEqual((await server.rm.send(new ListTagsForResourceCommand({ resourceArn: job }))).tags, { stage: 'ok' });
  await server.rm.send(new TagResourceCommand({ resourceArn: job, tags: { owner: 'js' } }));
  await server.rm.send(new UntagResourceCommand({ resourceArn: job, tagKeys: ['stage'] }));
  assert.deepEqual((await server.rm.send(new ListTagsForResourceCommand({ resourceArn: job }))).tags, { owner: 'js' });
  assert.deepEqual((await describe(job)).tags, { owner: 'js' });
});
