// --auth sigv4 with the AWS SDK for JavaScript v3: its signatures verify (percent-encoded ARNs of the
// tag operations, pagination), and a wrong secret or unknown key is refused with AWS's 403 errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateFleetCommand, ListFleetsCommand, ListTagsForResourceCommand, TagResourceCommand, UntagResourceCommand,
} from '@aws-sdk/client-robomaker';

import { makeClient, useServer } from './server.mjs';

const KEY = { accessKeyId: 'AKIDJS', secretAccessKey: 'js-secret' };
const server = useServer(async () => {}, ['--auth', 'sigv4', '--credentials', 'AKIDJS:js-secret:444444444444']);

async function refusedWith(client, name) {
  await assert.rejects(client.send(new ListFleetsCommand({})), (err) => {
    assert.equal(err.name, name);
    assert.equal(err.$metadata.httpStatusCode, 403);
    return true;
  });
  client.destroy();
}

test('the SDK signs tag operations on percent-encoded ARNs and paginated lists', async () => {
  const rm = makeClient(server.url, { credentials: KEY });
  const { arn } = await rm.send(new CreateFleetCommand({ name: 'js', tags: { team: 'nav' } }));
  assert.match(arn, /:444444444444:deployment-fleet\/js\//);
  await rm.send(new TagResourceCommand({ resourceArn: arn, tags: { stage: 'a/b c+d=e:f' } }));
  await rm.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team'] }));
  const { tags } = await rm.send(new ListTagsForResourceCommand({ resourceArn: arn }));
  assert.deepEqual(tags, { stage: 'a/b c+d=e:f' });
  for (let i = 0; i < 4; i++) await rm.send(new CreateFleetCommand({ name: `p${i}` }));
  let names = [], nextToken;
  do {
    const page = await rm.send(new ListFleetsCommand({ maxResults: 2, nextToken }));
    names = names.concat(page.fleetDetails.map((f) => f.name));
    nextToken = page.nextToken;
  } while (nextToken);
  assert.equal(names.length, 5);
  rm.destroy();
});

test('a wrong secret and an unknown key are refused', async () => {
  await refusedWith(makeClient(server.url, { credentials: { ...KEY, secretAccessKey: 'wrong' } }),
    'InvalidSignatureException');
  await refusedWith(makeClient(server.url, { credentials: { accessKeyId: 'NOBODY', secretAccessKey: 'x' } }),
    'UnrecognizedClientException');
});
