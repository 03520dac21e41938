// Error classes as the AWS SDK for JavaScript v3 sees them (SEMANTICS §2 errors, docs/faults.md
// API rules): err.name, err.$fault, err.$metadata.httpStatusCode, instanceof the modeled class;
// server faults injected by a fault rule, and why tests turn retries off.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  ListFleetsCommand, CreateFleetCommand, DescribeRobotCommand,
  InternalServerException, ServiceUnavailableException, ThrottlingException, RoboMakerServiceException,
} from '@aws-sdk/client-robomaker';
import { useServer, makeClient } from './server.mjs';
import { control, rejectsWith, ARN_PREFIX } from './helpers.mjs';

const server = useServer(); // server.url and the client server.rm, for this file's tests

afterEach(async () => {
  await control(server.url, 'DELETE', '/_emulator/faults');
});

const addRule = (rule) => control(server.url, 'POST', '/_emulator/faults', rule);

test('InternalServerException from a fault rule is a server fault (HTTP 500), once', async () => {
  const rule = await addRule({ operation: 'ListFleets', error: 'InternalServerException', times: 1 });
  const err = await rejectsWith(() => server.rm.send(new ListFleetsCommand({})), 'InternalServerException', 500, 'server');
  assert.ok(err instanceof InternalServerException);
  assert.ok(err instanceof RoboMakerServiceException);
  assert.match(err.message, new RegExp(`Injected by robomaker-local fault rule ${rule.id}\\b`));
  assert.equal(err.$metadata.attempts, 1, 'maxAttempts: 1 means no retry');
  // the rule fired its one time: the next call succeeds
  const ok = await server.rm.send(new ListFleetsCommand({}));
  assert.deepEqual(ok.fleetDetails, []);
  const listed = await control(server.url, 'GET', '/_emulator/faults');
  assert.deepEqual(listed.rules.map((r) => [r.id, r.fired]), [[rule.id, 1]]);
});

test('ServiceUnavailableException (503) is a server fault; ThrottlingException (400) a client fault', async () => {
  await addRule({ operation: 'CreateFleet', error: 'ServiceUnavailableException', times: 1 });
  let err = await rejectsWith(() => server.rm.send(new CreateFleetCommand({ name: 'outage' })), 'ServiceUnavailableException', 503, 'server');
  assert.ok(err instanceof ServiceUnavailableException);
  assert.deepEqual((await server.rm.send(new ListFleetsCommand({}))).fleetDetails, [], 'the failed CreateFleet created nothing');

  await addRule({ operation: 'Describe*', error: 'ThrottlingException', times: 1 });
  err = await rejectsWith(() => server.rm.send(new DescribeRobotCommand({ robot: `${ARN_PREFIX}:robot/x/1732345678123` })),
    'ThrottlingException', 400, 'client');
  assert.ok(err instanceof ThrottlingException);
  // the rule is spent: the real answer comes through
  await rejectsWith(() => server.rm.send(new DescribeRobotCommand({ robot: `${ARN_PREFIX}:robot/x/1732345678123` })),
    'ResourceNotFoundException');
});

test('with the default retries the SDK hides a single injected 500', async () => {
  const retrying = makeClient(server.url, { maxAttempts: 3 });
  try {
    await addRule({ operation: 'ListFleets', error: 'InternalServerException', times: 1 });
    const res = await retrying.send(new ListFleetsCommand({}));
    assert.equal(res.$metadata.httpStatusCode, 200);
    assert.equal(res.$metadata.attempts, 2, 'the first attempt met the fault, the retry succeeded');
  } finally {
    retrying.destroy();
  }
});

test('an added latency delays the answer', async () => {
  await addRule({ operation: 'ListFleets', latencyMs: 300, times: 1 });
  const t0 = performance.now();
  await server.rm.send(new ListFleetsCommand({}));
  const ms = performance.now() - t0;
  assert.ok(ms >= 290, `answered after ${ms.toFixed(0)} ms`);
});
