// How the AWS SDK for JavaScript v3 finds the emulator: the `endpoint` client option, the
// service-specific environment variable AWS_ENDPOINT_URL_ROBOMAKER (service id "RoboMaker"), the
// global AWS_ENDPOINT_URL, and their precedence; account and region from the SigV4 credential
// scope (SEMANTICS §2).
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { RoboMakerClient, CreateFleetCommand, ListFleetsCommand } from '@aws-sdk/client-robomaker';
import { useServer, makeClient, REGION } from './server.mjs';
import { names } from './helpers.mjs';

const DEAD = 'http://127.0.0.1:9'; // nothing listens there: a request sent to it fails at once
const ENV_KEYS = ['AWS_ENDPOINT_URL_ROBOMAKER', 'AWS_ENDPOINT_URL', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];

// server.url only: each test makes its own clients, in accounts of its own
const server = useServer();

afterEach(() => {
  for (const key of ENV_KEYS) delete process.env[key];
});

/** A client with no `endpoint` option, in its own account so that the test can tell where its
 *  requests went. */
function envClient(account) {
  return new RoboMakerClient({
    region: REGION, maxAttempts: 1, credentials: { accessKeyId: account, secretAccessKey: 'secret' },
  });
}

/** A client with the `endpoint` option set to the server, in account `account`. */
const optionClient = (account) =>
  makeClient(server.url, { credentials: { accessKeyId: account, secretAccessKey: 'secret' } });

/** Runs fn(c), then destroys the client `c` whether fn succeeded or not; returns what fn returned. */
async function using(c, fn) {
  try {
    return await fn(c);
  } finally {
    c.destroy();
  }
}

const createFleet = (c, name) => c.send(new CreateFleetCommand({ name }));
const listFleetNames = async (c) => names((await c.send(new ListFleetsCommand({}))).fleetDetails);

/** The fleet names of `account` (in us-east-1), asked of the server through the endpoint option. */
const fleetNames = (account) => using(optionClient(account), listFleetNames);

test('the endpoint option', async () => {
  const fleet = await using(optionClient('111111111111'), (c) => createFleet(c, 'via-option'));
  assert.match(fleet.arn, /^arn:aws:robomaker:us-east-1:111111111111:deployment-fleet\/via-option\/\d{13}$/);
  assert.deepEqual(await fleetNames('111111111111'), ['via-option']);
});

test('AWS_ENDPOINT_URL_ROBOMAKER, and it wins over AWS_ENDPOINT_URL', async () => {
  process.env.AWS_ENDPOINT_URL_ROBOMAKER = server.url;
  process.env.AWS_ENDPOINT_URL = DEAD;
  await using(envClient('222222222222'), async (c) => {
    const fleet = await createFleet(c, 'via-service-env');
    assert.match(fleet.arn, /:222222222222:deployment-fleet\/via-service-env\//);
    assert.deepEqual(await listFleetNames(c), ['via-service-env']);
  });
  assert.deepEqual(await fleetNames('222222222222'), ['via-service-env'], 'the request reached the emulator');
});

test('AWS_ENDPOINT_URL alone', async () => {
  process.env.AWS_ENDPOINT_URL = server.url;
  await using(envClient('333333333333'), (c) => createFleet(c, 'via-global-env'));
  assert.deepEqual(await fleetNames('333333333333'), ['via-global-env']);
});

test('the endpoint option wins over AWS_ENDPOINT_URL_ROBOMAKER', async () => {
  process.env.AWS_ENDPOINT_URL_ROBOMAKER = DEAD;
  await using(optionClient('444444444444'), (c) => createFleet(c, 'option-wins'));
  assert.deepEqual(await fleetNames('444444444444'), ['option-wins']);
});

test('the variable is really used: pointed at a dead port, the call fails to connect', async () => {
  process.env.AWS_ENDPOINT_URL_ROBOMAKER = DEAD;
  await using(envClient('555555555555'), (c) => assert.rejects(listFleetNames(c), (err) => {
    assert.match(`${err.code ?? ''} ${err.message}`, /ECONNREFUSED/);
    return true;
  }));
});

test('account and region come from the SigV4 credential scope', async () => {
  const scoped = makeClient(server.url, { region: 'eu-west-1', credentials: { accessKeyId: '210987654321', secretAccessKey: 's' } });
  await using(scoped, async (c) => {
    const fleet = await createFleet(c, 'scoped');
    assert.match(fleet.arn, /^arn:aws:robomaker:eu-west-1:210987654321:deployment-fleet\/scoped\/\d{13}$/);
    assert.deepEqual(await listFleetNames(c), ['scoped']);
  });
  assert.deepEqual(await fleetNames('210987654321'), [], 'not visible in us-east-1');
});
