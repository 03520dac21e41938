// How the AWS SDK for JavaScript v3 finds the emulator: the `endpoint` client option, the
// service-specific environment variable AWS_ENDPOINT_URL_ROBOMAKER (service id "RoboMaker"), the
// global AWS_ENDPOINT_URL, and their precedence; account and region from the SigV4 credential
// scope (SEMANTICS §2).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { RoboMakerClient, CreateFleetCommand, ListFleetsCommand } from '@aws-sdk/client-robomaker';
import { startServer, makeClient, REGION } from './helpers.mjs';

const DEAD = 'http://127.0.0.1:9'; // nothing listens there: a request sent to it fails at once
const ENV_KEYS = ['AWS_ENDPOINT_URL_ROBOMAKER', 'AWS_ENDPOINT_URL', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];

let server;

before(async () => {
  server = await startServer();
});

afterEach(() => {
  for (const key of ENV_KEYS) delete process.env[key];
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0);
});

/** A client with no `endpoint` option, in its own account so that the test can tell where its
 *  requests went. */
function envClient(account) {
  return new RoboMakerClient({
    region: REGION, maxAttempts: 1, credentials: { accessKeyId: account, secretAccessKey: 'secret' },
  });
}

async function fleetNames(url, account) {
  const c = makeClient(url, { credentials: { accessKeyId: account, secretAccessKey: 'secret' } });
  try {
    return (await c.send(new ListFleetsCommand({}))).fleetDetails.map((f) => f.name);
  } finally {
    c.destroy();
  }
}

test('the endpoint option', async () => {
  const c = makeClient(server.url, { credentials: { accessKeyId: '111111111111', secretAccessKey: 'secret' } });
  const fleet = await c.send(new CreateFleetCommand({ name: 'via-option' }));
  c.destroy();
  assert.match(fleet.arn, /^arn:aws:robomaker:us-east-1:111111111111:deployment-fleet\/via-option\/\d{13}$/);
  assert.deepEqual(await fleetNames(server.url, '111111111111'), ['via-option']);
});

test('AWS_ENDPOINT_URL_ROBOMAKER, and it wins over AWS_ENDPOINT_URL', async () => {
  process.env.AWS_ENDPOINT_URL_ROBOMAKER = server.url;
  process.env.AWS_ENDPOINT_URL = DEAD;
  const c = envClient('222222222222');
  try {
    const fleet = await c.send(new CreateFleetCommand({ name: 'via-service-env' }));
    assert.match(fleet.arn, /:222222222222:deployment-fleet\/via-service-env\//);
    assert.deepEqual((await c.send(new ListFleetsCommand({}))).fleetDetails.map((f) => f.name), ['via-service-env']);
  } finally {
    c.destroy();
  }
  assert.deepEqual(await fleetNames(server.url, '222222222222'), ['via-service-env'], 'the request reached the emulator');
});

test('AWS_ENDPOINT_URL alone', async () => {
  process.env.AWS_ENDPOINT_URL = server.url;
  const c = envClient('333333333333');
  try {
    await c.send(new CreateFleetCommand({ name: 'via-global-env' }));
  } finally {
    c.destroy();
  }
  assert.deepEqual(await fleetNames(server.url, '333333333333'), ['via-global-env']);
});

test('the endpoint option wins over AWS_ENDPOINT_URL_ROBOMAKER', async () => {
  process.env.AWS_ENDPOINT_URL_ROBOMAKER = DEAD;
  const c = makeClient(server.url, { credentials: { accessKeyId: '444444444444', secretAccessKey: 'secret' } });
  try {
    await c.send(new CreateFleetCommand({ name: 'option-wins' }));
  } finally {
    c.destroy();
  }
  assert.deepEqual(await fleetNames(server.url, '444444444444'), ['option-wins']);
});

test('the variable is really used: pointed at a dead port, the call fails to connect', async () => {
  process.env.AWS_ENDPOINT_URL_ROBOMAKER = DEAD;
  const c = envClient('555555555555');
  try {
    await assert.rejects(c.send(new ListFleetsCommand({})), (err) => {
      assert.match(`${err.code ?? ''} ${err.message}`, /ECONNREFUSED/);
      return true;
    });
  } finally {
    c.destroy();
  }
});

test('account and region come from the SigV4 credential scope', async () => {
  const c = makeClient(server.url, { region: 'eu-west-1', credentials: { accessKeyId: '210987654321', secretAccessKey: 's' } });
  try {
    const fleet = await c.send(new CreateFleetCommand({ name: 'scoped' }));
    assert.match(fleet.arn, /^arn:aws:robomaker:eu-west-1:210987654321:deployment-fleet\/scoped\/\d{13}$/);
    assert.deepEqual((await c.send(new ListFleetsCommand({}))).fleetDetails.map((f) => f.name), ['scoped']);
  } finally {
    c.destroy();
  }
  assert.deepEqual(await fleetNames(server.url, '210987654321'), [], 'not visible in us-east-1');
});
