// The SDK's paginators over more items than one page (SEMANTICS §4 pagination): every item once,
// oldest first, pages of `pageSize`, no nextToken on the last page, a paginator resumed from a
// token, and rows inserted while paging show up on a later page.
// paginateListDeploymentJobs is in deployments.test.mjs (it needs jobs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateFleetCommand, CreateRobotCommand, CreateRobotApplicationCommand, ListFleetsCommand,
  paginateListFleets, paginateListRobots, paginateListRobotApplications,
} from '@aws-sdk/client-robomaker';
import { useServer } from './server.mjs';
import { rejectsWith, assertDate, names } from './helpers.mjs';

const server = useServer(); // server.url and the client server.rm, for this file's tests

/** Collects every page of a paginator: [{items, nextToken}]. */
async function pages(paginator, key) {
  const out = [];
  for await (const page of paginator) out.push({ items: page[key], nextToken: page.nextToken });
  return out;
}

function assertPaged(got, expectedNames, pageSize, what) {
  const all = got.flatMap((p) => names(p.items));
  assert.deepEqual(all, expectedNames, `${what}: every item once, in the listing order`);
  assert.equal(got.length, Math.ceil(expectedNames.length / pageSize), `${what}: page count`);
  got.forEach((p, i) => {
    const last = i === got.length - 1;
    assert.ok(p.items.length <= pageSize, `${what}: page ${i} holds at most ${pageSize}`);
    if (!last) {
      assert.equal(p.items.length, pageSize, `${what}: page ${i} is full`);
      assert.ok(p.nextToken, `${what}: page ${i} has a nextToken`);
    } else {
      assert.equal(p.nextToken, undefined, `${what}: no nextToken on the last page`);
    }
  });
}

test('paginateListFleets: 11 fleets in pages of 3, resumable from a token', async () => {
  const want = [];
  for (let i = 0; i < 11; i++) {
    const name = `pf-${String(i).padStart(2, '0')}`;
    await server.rm.send(new CreateFleetCommand({ name }));
    want.push(name);
  }
  const got = await pages(paginateListFleets({ client: server.rm, pageSize: 3 }, {}), 'fleetDetails');
  assertPaged(got, want, 3, 'ListFleets');
  for (const f of got.flatMap((p) => p.items)) assertDate(f.createdAt, 'ListFleets createdAt');

  // resume from the second page's token
  const rest = await pages(paginateListFleets({ client: server.rm, pageSize: 3, startingToken: got[1].nextToken }, {}), 'fleetDetails');
  assert.deepEqual(rest.flatMap((p) => names(p.items)), want.slice(6));

  // the same with a filter: one page, one item
  const one = await pages(paginateListFleets({ client: server.rm, pageSize: 3 }, { filters: [{ name: 'name', values: ['pf-07'] }] }),
    'fleetDetails');
  assert.deepEqual(one.map((p) => names(p.items)), [['pf-07']]);

  // a token of another operation is refused
  await rejectsWith(() => server.rm.send(new ListFleetsCommand({ nextToken: got[0].nextToken.split('').reverse().join('') })),
    'InvalidParameterException');
});

test('paginateListRobots: 9 robots newest first in pages of 2; a robot created mid-way does not shift the walk', async () => {
  const want = [];
  for (let i = 0; i < 9; i++) {
    const name = `pr-${i}`;
    await server.rm.send(new CreateRobotCommand({ name, architecture: 'X86_64', greengrassGroupId: 'g' }));
    want.unshift(name); // newest first (SEMANTICS §4)
  }
  const got = [];
  for await (const page of paginateListRobots({ client: server.rm, pageSize: 2 }, {})) {
    got.push({ items: page.robots, nextToken: page.nextToken });
    if (got.length === 2) {
      await server.rm.send(new CreateRobotCommand({ name: 'pr-late', architecture: 'ARM64', greengrassGroupId: 'g' }));
    }
  }
  // the walk goes on below the last robot seen: nothing repeats, nothing is skipped
  assertPaged(got, want, 2, 'ListRobots');
  const again = [];
  for await (const page of paginateListRobots({ client: server.rm, pageSize: 2 }, {})) {
    again.push({ items: page.robots, nextToken: page.nextToken });
  }
  assertPaged(again, ['pr-late', ...want], 2, 'ListRobots after the insert');
});

test('paginateListRobotApplications: 7 applications in pages of 2, also with versionQualifier ALL', async () => {
  const want = [];
  for (let i = 0; i < 7; i++) {
    const name = `pa-${i}`;
    await server.rm.send(new CreateRobotApplicationCommand({
      name,
      sources: [{ s3Bucket: 'js-bucket', s3Key: `${name}.tar.gz`, architecture: 'X86_64' }],
      robotSoftwareSuite: { name: 'ROS2', version: 'Foxy' },
    }));
    want.push(name);
  }
  const got = await pages(paginateListRobotApplications({ client: server.rm, pageSize: 2 }, {}), 'robotApplicationSummaries');
  assertPaged(got, want, 2, 'ListRobotApplications');
  const all = await pages(paginateListRobotApplications({ client: server.rm, pageSize: 5 }, { versionQualifier: 'ALL' }),
    'robotApplicationSummaries');
  assertPaged(all, want, 5, 'ListRobotApplications ALL');
});
