// The suites together send every one of the 24 operations and use the four deployment-API
// paginators; this checks the test sources, and that the pinned SDK still exports them all (AWS
// dropped the deployment operations from later RoboMaker models).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as sdk from '@aws-sdk/client-robomaker';

const OPERATIONS = [
  'CreateFleet', 'DeleteFleet', 'DescribeFleet', 'ListFleets', 'RegisterRobot', 'DeregisterRobot',
  'CreateRobot', 'DeleteRobot', 'DescribeRobot', 'ListRobots',
  'CreateRobotApplication', 'CreateRobotApplicationVersion', 'DescribeRobotApplication',
  'UpdateRobotApplication', 'ListRobotApplications', 'DeleteRobotApplication',
  'TagResource', 'UntagResource', 'ListTagsForResource',
  'CreateDeploymentJob', 'DescribeDeploymentJob', 'ListDeploymentJobs', 'CancelDeploymentJob', 'SyncDeploymentJob',
];
const PAGINATORS = ['paginateListFleets', 'paginateListRobots', 'paginateListRobotApplications', 'paginateListDeploymentJobs'];

test('the pinned SDK exports every command and paginator', () => {
  assert.equal(OPERATIONS.length, 24);
  for (const op of OPERATIONS) assert.equal(typeof sdk[`${op}Command`], 'function', `${op}Command`);
  for (const p of PAGINATORS) assert.equal(typeof sdk[p], 'function', p);
});

test('every operation is sent and every paginator used by some test file', () => {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.test.mjs') && f !== 'coverage.test.mjs')
    .map((f) => readFileSync(dir + f, 'utf8'))
    .join('\n');
  const missing = OPERATIONS.filter((op) => !sources.includes(`new ${op}Command(`));
  assert.deepEqual(missing, [], 'operations no test sends');
  const unused = PAGINATORS.filter((p) => !sources.includes(`${p}(`));
  assert.deepEqual(unused, [], 'paginators no test uses');
});
