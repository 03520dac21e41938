// Fleets and robots through the AWS SDK for JavaScript v3 (SEMANTICS §3, §4): create, describe,
// list with filters, register, deregister, delete; timestamps parsed as Date; the model's
// greengrassGroupId spelling (ListRobots items carry no group id).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateFleetCommand, DescribeFleetCommand, ListFleetsCommand, DeleteFleetCommand,
  CreateRobotCommand, DescribeRobotCommand, ListRobotsCommand, DeleteRobotCommand,
  RegisterRobotCommand, DeregisterRobotCommand,
  ResourceNotFoundException, ResourceAlreadyExistsException, InvalidParameterException,
  RoboMakerServiceException,
} from '@aws-sdk/client-robomaker';
import { useServer } from './server.mjs';
import { rejectsWith, arnMillis, floorToSecond, assertDate, clockNowMs, names, ARN_PREFIX } from './helpers.mjs';

const server = useServer(); // server.url and the client server.rm, for this file's tests

test('fleet and robot lifecycle', async () => {
  const now = await clockNowMs(server.url);

  const fleet = await server.rm.send(new CreateFleetCommand({ name: 'js-fleet', tags: { team: 'js' } }));
  assert.match(fleet.arn, new RegExp(`^${ARN_PREFIX}:deployment-fleet/js-fleet/\\d{13}$`));
  assert.equal(fleet.name, 'js-fleet');
  assert.deepEqual(fleet.tags, { team: 'js' });
  assertDate(fleet.createdAt, 'CreateFleet createdAt');
  assert.equal(fleet.createdAt.getTime(), floorToSecond(arnMillis(fleet.arn)), 'createdAt is the ARN timestamp, in whole seconds');
  assert.equal(fleet.createdAt.getTime(), floorToSecond(now), 'createdAt is the (manual) simulated present');
  assert.equal(fleet.$metadata.httpStatusCode, 200);
  assert.match(fleet.$metadata.requestId, /^[0-9a-f-]{36}$/);

  const r1 = await server.rm.send(new CreateRobotCommand({
    name: 'js-r1', architecture: 'X86_64', greengrassGroupId: 'gg-1', tags: { k: 'v' },
  }));
  assert.match(r1.arn, new RegExp(`^${ARN_PREFIX}:robot/js-r1/\\d{13}$`));
  assert.equal(r1.architecture, 'X86_64');
  assert.equal(r1.greengrassGroupId, 'gg-1');
  assert.deepEqual(r1.tags, { k: 'v' });
  assertDate(r1.createdAt, 'CreateRobot createdAt');
  const r2 = await server.rm.send(new CreateRobotCommand({ name: 'js-r2', architecture: 'ARM64', greengrassGroupId: 'gg-2' }));

  let d = await server.rm.send(new DescribeRobotCommand({ robot: r1.arn }));
  assert.equal(d.status, 'Available');
  assert.equal(d.fleetArn, undefined);
  assert.equal(d.greengrassGroupId, 'gg-1');
  assert.deepEqual(d.tags, { k: 'v' });
  assert.equal(d.createdAt.getTime(), r1.createdAt.getTime());

  const reg = await server.rm.send(new RegisterRobotCommand({ fleet: fleet.arn, robot: r1.arn }));
  assert.equal(reg.fleet, fleet.arn);
  assert.equal(reg.robot, r1.arn);
  await server.rm.send(new RegisterRobotCommand({ fleet: fleet.arn, robot: r2.arn }));
  // again to the same fleet: success, no change
  await server.rm.send(new RegisterRobotCommand({ fleet: fleet.arn, robot: r2.arn }));

  const df = await server.rm.send(new DescribeFleetCommand({ fleet: fleet.arn }));
  assert.equal(df.name, 'js-fleet');
  assert.deepEqual(df.tags, { team: 'js' });
  assert.equal(df.lastDeploymentStatus, undefined);
  // newest first, each with only arn and createdAt (SEMANTICS §4)
  assert.deepEqual(df.robots.map((r) => r.arn), [r2.arn, r1.arn]);
  for (const r of df.robots) {
    assert.deepEqual(Object.keys(r).sort(), ['arn', 'createdAt']);
    assertDate(r.createdAt, 'DescribeFleet robots[].createdAt');
  }
  assert.equal(df.robots[1].createdAt.getTime(), r1.createdAt.getTime());

  d = await server.rm.send(new DescribeRobotCommand({ robot: r1.arn }));
  assert.equal(d.status, 'Registered');
  assert.equal(d.fleetArn, fleet.arn);

  const byFleet = await server.rm.send(new ListRobotsCommand({ filters: [{ name: 'fleetName', values: ['js-fleet'] }] }));
  assert.deepEqual(names(byFleet.robots), ['js-r2', 'js-r1'], 'ListRobots is newest first');
  assert.equal(byFleet.nextToken, undefined);
  assert.equal(byFleet.robots[0].greenGrassGroupId, undefined, 'ListRobots items carry no group id');
  assert.equal(byFleet.robots[0].status, 'Registered');
  assert.equal(byFleet.robots[0].fleetArn, fleet.arn);
  assertDate(byFleet.robots[0].createdAt, 'ListRobots createdAt');
  const byStatus = await server.rm.send(new ListRobotsCommand({ filters: [{ name: 'status', values: ['Registered'] }] }));
  assert.deepEqual(names(byStatus.robots), ['js-r2', 'js-r1']);

  const fleets = await server.rm.send(new ListFleetsCommand({ filters: [{ name: 'name', values: ['js-fleet'] }] }));
  assert.equal(fleets.fleetDetails.length, 1);
  assert.equal(fleets.fleetDetails[0].arn, fleet.arn);
  assert.equal(fleets.fleetDetails[0].createdAt.getTime(), fleet.createdAt.getTime());

  const dereg = await server.rm.send(new DeregisterRobotCommand({ fleet: fleet.arn, robot: r2.arn }));
  assert.deepEqual([dereg.fleet, dereg.robot], [fleet.arn, r2.arn]);
  d = await server.rm.send(new DescribeRobotCommand({ robot: r2.arn }));
  assert.equal(d.status, 'Available');
  assert.equal(d.fleetArn, undefined);

  const delRobot = await server.rm.send(new DeleteRobotCommand({ robot: r2.arn }));
  assert.equal(delRobot.$metadata.httpStatusCode, 200);
  await rejectsWith(() => server.rm.send(new DescribeRobotCommand({ robot: r2.arn })), 'ResourceNotFoundException');

  await server.rm.send(new DeleteFleetCommand({ fleet: fleet.arn }));
  d = await server.rm.send(new DescribeRobotCommand({ robot: r1.arn }));
  assert.equal(d.status, 'Available', 'DeleteFleet deregisters its robots');
  await rejectsWith(() => server.rm.send(new DescribeFleetCommand({ fleet: fleet.arn })), 'ResourceNotFoundException');
  await server.rm.send(new DeleteRobotCommand({ robot: r1.arn }));
});

test('fleet and robot errors are the modeled exception classes', async () => {
  const ghost = `${ARN_PREFIX}:deployment-fleet/ghost/1732345678123`;
  let err = await rejectsWith(() => server.rm.send(new DescribeFleetCommand({ fleet: ghost })), 'ResourceNotFoundException');
  assert.ok(err instanceof ResourceNotFoundException);
  assert.ok(err instanceof RoboMakerServiceException);
  assert.ok(err.message.includes(ghost), err.message);
  await rejectsWith(() => server.rm.send(new DeleteFleetCommand({ fleet: ghost })), 'ResourceNotFoundException');

  // the SDK does no client-side validation: the emulator answers the model's constraint
  err = await rejectsWith(() => server.rm.send(new CreateFleetCommand({ name: 'x y' })), 'InvalidParameterException');
  assert.ok(err instanceof InvalidParameterException);
  assert.match(err.message, /'name'/);
  await rejectsWith(() => server.rm.send(new CreateRobotCommand({ name: 'no-arch', greengrassGroupId: 'g' })),
    'InvalidParameterException');

  await server.rm.send(new CreateRobotCommand({ name: 'dup', architecture: 'X86_64', greengrassGroupId: 'g' }));
  err = await rejectsWith(
    () => server.rm.send(new CreateRobotCommand({ name: 'dup', architecture: 'X86_64', greengrassGroupId: 'g' })),
    'ResourceAlreadyExistsException');
  assert.ok(err instanceof ResourceAlreadyExistsException);

  const f1 = await server.rm.send(new CreateFleetCommand({ name: 'f1' }));
  const f2 = await server.rm.send(new CreateFleetCommand({ name: 'f2' }));
  const dup = (await server.rm.send(new ListRobotsCommand({}))).robots.find((r) => r.name === 'dup');
  await server.rm.send(new RegisterRobotCommand({ fleet: f1.arn, robot: dup.arn }));
  await rejectsWith(() => server.rm.send(new RegisterRobotCommand({ fleet: f2.arn, robot: dup.arn })), 'InvalidParameterException');
  await rejectsWith(() => server.rm.send(new DeregisterRobotCommand({ fleet: f2.arn, robot: dup.arn })), 'InvalidParameterException');
  await rejectsWith(() => server.rm.send(new ListRobotsCommand({ filters: [{ name: 'color', values: ['red'] }] })),
    'InvalidParameterException');
  await rejectsWith(() => server.rm.send(new ListFleetsCommand({ nextToken: 'forged-token' })), 'InvalidParameterException');
});
