// Robot applications, versions and tags through the AWS SDK for JavaScript v3 (SEMANTICS §5, §2
// tagging): $LATEST and revisions, numbered versions with etags, describe/list/delete by ARN or
// name, and TagResource/UntagResource/ListTagsForResource on every taggable resource.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  CreateRobotApplicationCommand, UpdateRobotApplicationCommand, CreateRobotApplicationVersionCommand,
  DescribeRobotApplicationCommand, ListRobotApplicationsCommand, DeleteRobotApplicationCommand,
  CreateFleetCommand, CreateRobotCommand,
  TagResourceCommand, UntagResourceCommand, ListTagsForResourceCommand,
} from '@aws-sdk/client-robomaker';
import { useServer } from './server.mjs';
import { rejectsWith, arnMillis, floorToSecond, assertDate, ARN_PREFIX } from './helpers.mjs';

const server = useServer(); // server.url and the client server.rm, for this file's tests

const SUITE = { name: 'ROS2', version: 'Foxy' };
const X86 = { s3Bucket: 'js-bucket', s3Key: 'nav-x86.tar.gz', architecture: 'X86_64' };
const ARM = { s3Bucket: 'js-bucket', s3Key: 'nav-arm.tar.gz', architecture: 'ARM64' };
const etagOf = (src, generation = 0) =>
  createHash('md5').update(`${src.s3Bucket}/${src.s3Key}#${generation}`).digest('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test('robot application: $LATEST, update, versions, describe, list, delete', async () => {
  const app = await server.rm.send(new CreateRobotApplicationCommand({
    name: 'js-app', sources: [X86], robotSoftwareSuite: SUITE, tags: { team: 'nav' },
  }));
  assert.match(app.arn, new RegExp(`^${ARN_PREFIX}:robot-application/js-app/\\d{13}$`));
  assert.equal(app.version, '$LATEST');
  assert.match(app.revisionId, UUID);
  assert.deepEqual(app.sources, [X86], 'sources of $LATEST carry no etag');
  assert.deepEqual(app.robotSoftwareSuite, SUITE);
  assert.deepEqual(app.tags, { team: 'nav' });
  assertDate(app.lastUpdatedAt, 'CreateRobotApplication lastUpdatedAt');
  assert.equal(app.lastUpdatedAt.getTime(), floorToSecond(arnMillis(app.arn)), 'whole seconds of the ARN milliseconds');

  const upd = await server.rm.send(new UpdateRobotApplicationCommand({
    application: app.arn, sources: [X86, ARM], robotSoftwareSuite: SUITE, currentRevisionId: app.revisionId,
  }));
  assert.equal(upd.version, '$LATEST');
  assert.match(upd.revisionId, UUID);
  assert.notEqual(upd.revisionId, app.revisionId);
  assert.deepEqual(upd.sources.map((s) => s.architecture), ['X86_64', 'ARM64']);
  assertDate(upd.lastUpdatedAt, 'UpdateRobotApplication lastUpdatedAt');
  await rejectsWith(() => server.rm.send(new UpdateRobotApplicationCommand({
    application: 'js-app', sources: [X86], robotSoftwareSuite: SUITE, currentRevisionId: app.revisionId,
  })), 'InvalidParameterException');

  const v1 = await server.rm.send(new CreateRobotApplicationVersionCommand({ application: app.arn }));
  assert.equal(v1.version, '1');
  assert.deepEqual(v1.sources.map((s) => s.etag), [etagOf(X86), etagOf(ARM)]);
  assertDate(v1.lastUpdatedAt, 'CreateRobotApplicationVersion lastUpdatedAt');
  const v2 = await server.rm.send(new CreateRobotApplicationVersionCommand({
    application: 'js-app', s3Etags: [etagOf(X86), etagOf(ARM)], currentRevisionId: upd.revisionId,
  }));
  assert.equal(v2.version, '2');
  await rejectsWith(() => server.rm.send(new CreateRobotApplicationVersionCommand({
    application: 'js-app', currentRevisionId: app.revisionId,
  })), 'InvalidParameterException');

  const d1 = await server.rm.send(new DescribeRobotApplicationCommand({ application: app.arn, applicationVersion: '1' }));
  assert.equal(d1.version, '1');
  assert.equal(d1.arn, app.arn);
  assert.deepEqual(d1.sources.map((s) => s.etag), [etagOf(X86), etagOf(ARM)]);
  assertDate(d1.lastUpdatedAt, 'DescribeRobotApplication lastUpdatedAt');
  const latest = await server.rm.send(new DescribeRobotApplicationCommand({ application: 'js-app' }));
  assert.equal(latest.version, '$LATEST');
  assert.equal(latest.revisionId, upd.revisionId);
  assert.deepEqual(latest.tags, { team: 'nav' });

  const all = await server.rm.send(new ListRobotApplicationsCommand({
    versionQualifier: 'ALL', filters: [{ name: 'name', values: ['js-app'] }],
  }));
  assert.deepEqual(all.robotApplicationSummaries.map((s) => s.version), ['$LATEST', '1', '2']);
  for (const s of all.robotApplicationSummaries) {
    assert.equal(s.arn, app.arn);
    assertDate(s.lastUpdatedAt, 'ListRobotApplications lastUpdatedAt');
  }
  const plain = await server.rm.send(new ListRobotApplicationsCommand({}));
  assert.deepEqual(plain.robotApplicationSummaries.map((s) => [s.name, s.version]), [['js-app', '$LATEST']]);

  const delV2 = await server.rm.send(new DeleteRobotApplicationCommand({ application: app.arn, applicationVersion: '2' }));
  assert.equal(delV2.$metadata.httpStatusCode, 200);
  await rejectsWith(() => server.rm.send(new DescribeRobotApplicationCommand({ application: app.arn, applicationVersion: '2' })),
    'ResourceNotFoundException');
  const v3 = await server.rm.send(new CreateRobotApplicationVersionCommand({ application: 'js-app' }));
  assert.equal(v3.version, '3', 'version numbers are never reused');

  await server.rm.send(new DeleteRobotApplicationCommand({ application: 'js-app' }));
  await rejectsWith(() => server.rm.send(new DescribeRobotApplicationCommand({ application: app.arn })), 'ResourceNotFoundException');
  await rejectsWith(() => server.rm.send(new DeleteRobotApplicationCommand({ application: app.arn })), 'ResourceNotFoundException');
  await rejectsWith(() => server.rm.send(new CreateRobotApplicationCommand({ name: 'empty', robotSoftwareSuite: SUITE })),
    'InvalidParameterException');
});

test('tags on fleets, robots and robot applications', async () => {
  const fleet = await server.rm.send(new CreateFleetCommand({ name: 'tagged' }));
  const robot = await server.rm.send(new CreateRobotCommand({ name: 'tagged', architecture: 'ARM64', greengrassGroupId: 'g' }));
  const app = await server.rm.send(new CreateRobotApplicationCommand({ name: 'tagged', sources: [ARM], robotSoftwareSuite: SUITE }));

  for (const arn of [fleet.arn, robot.arn, app.arn]) {
    const tagged = await server.rm.send(new TagResourceCommand({ resourceArn: arn, tags: { a: '1', b: '2', 'c d': 'x/y:z' } }));
    assert.equal(tagged.$metadata.httpStatusCode, 200);
    let listed = await server.rm.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    assert.deepEqual(listed.tags, { a: '1', b: '2', 'c d': 'x/y:z' }, arn);
    await server.rm.send(new TagResourceCommand({ resourceArn: arn, tags: { a: 'overwritten' } }));
    await server.rm.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['b', 'c d', 'never-set'] }));
    listed = await server.rm.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    assert.deepEqual(listed.tags, { a: 'overwritten' }, arn);
  }

  const ghost = `${ARN_PREFIX}:robot/ghost/1732345678123`;
  await rejectsWith(() => server.rm.send(new TagResourceCommand({ resourceArn: ghost, tags: { a: '1' } })), 'ResourceNotFoundException');
  await rejectsWith(() => server.rm.send(new ListTagsForResourceCommand({ resourceArn: ghost })), 'ResourceNotFoundException');
  await rejectsWith(() => server.rm.send(new UntagResourceCommand({ resourceArn: ghost, tagKeys: ['a'] })), 'ResourceNotFoundException');
  await rejectsWith(() => server.rm.send(new TagResourceCommand({ resourceArn: fleet.arn, tags: { 'aws:x': '1' } })),
    'InvalidParameterException');
  const tooMany = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
  await rejectsWith(() => server.rm.send(new TagResourceCommand({ resourceArn: fleet.arn, tags: tooMany })), 'LimitExceededException');
});
