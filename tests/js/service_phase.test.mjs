// The end of life on demand (SEMANTICS §9) through the AWS SDK for JavaScript v3: the phase moved
// at run time through POST /_emulator/service-phase and shown by GET /_emulator/health; what
// `deprecated` and `ended` refuse, with which error class and message; that the SDK's standard
// retry strategy retries the `ended` ThrottlingException (attempts, and the request journal); and
// that robot applications keep working.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateFleetCommand, ListFleetsCommand, ListRobotsCommand, DescribeFleetCommand, CreateRobotCommand,
  DeleteFleetCommand, ListDeploymentJobsCommand, ListTagsForResourceCommand, CreateRobotApplicationCommand,
  ListRobotApplicationsCommand, ThrottlingException, InvalidParameterException,
} from '@aws-sdk/client-robomaker';
import { useServer, makeClient } from './server.mjs';
import { control, rejectsWith } from './helpers.mjs';

const server = useServer();

const ENDED = 'AWS RoboMaker is Unable to process this request as the support for the AWS RoboMaker application '
  + 'deployment feature has ended. Please see https://docs.aws.amazon.com/robomaker/latest/dg/fleets.html '
  + 'for additional information.';

const setPhase = async (phase) => {
  assert.deepEqual(await control(server.url, 'POST', '/_emulator/service-phase', { phase }), { phase });
  assert.equal((await control(server.url, 'GET', '/_emulator/health')).servicePhase, phase);
};

afterEach(() => setPhase('active'));

test('the phase starts active; a bad phase is a 400 with a clear message', async () => {
  assert.equal((await control(server.url, 'GET', '/_emulator/health')).servicePhase, 'active');
  const res = await fetch(`${server.url}/_emulator/service-phase`, { method: 'POST', body: '{"phase":"gone"}' });
  assert.equal(res.status, 400);
  assert.equal(res.headers.get('x-amzn-errortype'), 'InvalidParameterException');
  const message = "'phase' must be one of active, deprecated, ended; got 'gone'.";
  assert.deepEqual(await res.json(), { message });
  assert.equal(res.headers.get('x-amzn-errormessage'), message);
  assert.match(res.headers.get('date'), /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
});

test('deprecated: CreateFleet and CreateRobot fail, reading and deleting work', async () => {
  const fleet = (await server.rm.send(new CreateFleetCommand({ name: 'js-old' }))).arn;
  await setPhase('deprecated');
  for (const command of [new CreateFleetCommand({ name: 'js-new' }),
    new CreateRobotCommand({ name: 'js-r', architecture: 'ARM64', greengrassGroupId: 'g' })]) {
    const err = await rejectsWith(() => server.rm.send(command), 'InvalidParameterException');
    assert.ok(err instanceof InvalidParameterException);
    assert.match(err.message, /^Create(Fleet|Robot) is no longer supported and throws an error if used/);
  }
  assert.equal((await server.rm.send(new DescribeFleetCommand({ fleet }))).name, 'js-old');
  await server.rm.send(new DeleteFleetCommand({ fleet }));
  assert.deepEqual((await server.rm.send(new ListFleetsCommand({}))).fleetDetails, []);
});

test('ended: ThrottlingException with AWS message for fleets, robots, jobs and their tags', async () => {
  const fleet = (await server.rm.send(new CreateFleetCommand({ name: 'js-end' }))).arn;
  await setPhase('ended');
  for (const command of [new ListFleetsCommand({}), new ListRobotsCommand({}), new ListDeploymentJobsCommand({}),
    new DescribeFleetCommand({ fleet }), new ListTagsForResourceCommand({ resourceArn: fleet })]) {
    const err = await rejectsWith(() => server.rm.send(command), 'ThrottlingException');
    assert.ok(err instanceof ThrottlingException);
    assert.equal(err.message, ENDED);
  }
  const app = await server.rm.send(new CreateRobotApplicationCommand({
    name: 'js-sim', sources: [{ s3Bucket: 'bkt', s3Key: 'k' }], robotSoftwareSuite: { name: 'ROS2', version: 'Foxy' },
  }));
  assert.deepEqual(app.sources, [{ s3Bucket: 'bkt', s3Key: 'k' }], 'a source without architecture, echoed as given');
  assert.deepEqual(app.tags, {});
  const apps = await server.rm.send(new ListRobotApplicationsCommand({}));
  assert.deepEqual(apps.robotApplicationSummaries.map((a) => a.name), ['js-sim']);
  await setPhase('active');
  assert.deepEqual((await server.rm.send(new ListFleetsCommand({}))).fleetDetails.map((f) => f.arn), [fleet]);
  await server.rm.send(new DeleteFleetCommand({ fleet }));
});

test('the SDK retries the ended ThrottlingException (standard strategy, 3 attempts), seen in the journal', async () => {
  await setPhase('ended');
  const before = (await control(server.url, 'GET', '/_emulator/requests?operation=ListRobots')).requests.length;
  const retrying = makeClient(server.url, { maxAttempts: 3 });
  try {
    const err = await rejectsWith(() => retrying.send(new ListRobotsCommand({})), 'ThrottlingException');
    assert.equal(err.$metadata.attempts, 3);
    assert.equal(err.message, ENDED);
  } finally {
    retrying.destroy();
  }
  const journal = (await control(server.url, 'GET', '/_emulator/requests?operation=ListRobots')).requests;
  assert.equal(journal.length - before, 3);
  for (const entry of journal.slice(0, 3)) {
    assert.equal(entry.httpStatus, 400);
    assert.equal(entry.errorCode, 'ThrottlingException');
  }
});
