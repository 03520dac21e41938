// The robomaker-local server a test file runs against, and the RoboMaker clients aimed at it.
//
// Contract: a test file calls useServer() once, at top level. That starts one server from $RML_BIN
// (`--port 0 --db :memory: --clock manual`) in a `before` hook and stops it in an `after` hook, so
// the server (and its empty, in-memory state) lives exactly as long as the file's tests. node --test
// runs each file in its own process, so files never share a server.
//
// Stopping: the `after` hook sends SIGTERM to the server's pid and requires exit code 0. Should the
// test process end without reaching `after` (a crash, an uncaught error), its `exit` handler sends
// SIGKILL to every server it started and did not yet stop, so none is left behind.
import { before, after } from 'node:test';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import assert from 'node:assert/strict';
import { RoboMakerClient } from '@aws-sdk/client-robomaker';

// Nothing from the machine's AWS set-up may reach the SDK: no profile, no config or credential
// files, no endpoint variables (the endpoint suite sets those it tests itself).
for (const key of Object.keys(process.env)) {
  if (key.startsWith('AWS_')) delete process.env[key];
}
process.env.AWS_CONFIG_FILE = '/dev/null';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/dev/null';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

const running = new Set(); // pids started and not yet stopped
process.on('exit', () => {
  for (const pid of running) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
});

/**
 * Registers the file's server hooks and returns its handle, {url, rm}: both are set by the time
 * the first test runs (in `before`), and valid until the last has run (`after` destroys `rm`, then
 * stops the server). `rm` is a client made by makeClient(url).
 *
 * `extraArgs` are more flags for the server (e.g. ['--auth', 'sigv4']).
 * `setup(handle)`, if given, runs in that same `before` hook once the server answers: put there
 * what must exist before the file's first test. A `before` hook of the test file's own would not wait
 * for the server: Node 20 starts top-level `before` hooks as they are registered, all at once.
 */
export function useServer(setup = async () => {}, extraArgs = []) {
  const handle = { url: undefined, rm: undefined };
  let stop;
  before(async () => {
    ({ url: handle.url, stop } = await startServer(extraArgs));
    handle.rm = makeClient(handle.url);
    await setup(handle);
  });
  after(async () => {
    handle.rm?.destroy();
    if (stop) assert.equal(await stop(), 0, 'the server exits 0 on SIGTERM');
  });
  return handle;
}

/** A RoboMaker client aimed at `url` with retries off, so an injected error is seen once. The
 *  caller destroys it (`rm.destroy()`) when done. */
export function makeClient(url, extra = {}) {
  return new RoboMakerClient({
    endpoint: url,
    region: REGION,
    credentials: CREDENTIALS,
    maxAttempts: 1,
    ...extra,
  });
}

/** Starts $RML_BIN on an OS-chosen port and waits for its first stdout line, "robomaker-local
 *  listening on http://HOST:PORT"; resolves to {url, stop()}, where stop() sends SIGTERM by pid and
 *  resolves to the exit code. */
async function startServer(extraArgs = []) {
  const bin = process.env.RML_BIN;
  assert.ok(bin, 'set RML_BIN to the robomaker-local binary');
  const args = ['--port', '0', '--db', ':memory:', '--clock', 'manual', '--log-level', 'warn', ...extraArgs];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid) running.add(child.pid); // from here on, the exit handler covers a failed start too
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no "listening" line within 10 s')), 10_000);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const m = /^robomaker-local listening on (http:\/\/\S+)$/.exec(line);
      if (m) resolve(m[1]); else reject(new Error(`unexpected first line: ${line}`));
    });
    // later lines (request logs at warn level and above) are read and dropped by `lines`
    child.once('error', (err) => { clearTimeout(timer); reject(err); });
    exited.then(({ code }) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${stderr}`)); });
  });
  return {
    url,
    async stop() {
      process.kill(child.pid, 'SIGTERM');
      const { code } = await exited;
      running.delete(child.pid);
      return code;
    },
  };
}
