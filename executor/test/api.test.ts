/**
 * The HTTP contract: signatures, validation with field names, job lookup, languages,
 * health, metrics, OpenAPI docs, back-pressure.
 */
import { describe, expect, it } from 'vitest';
import { until } from '../../testing/until';
import { signedHeaders } from '../src/api';
import { LANGUAGE_IDS, LANGUAGES } from '../src/languages';
import { MAX_FILES } from '../src/limits';
import { ReplayGuard } from '../src/signing';
import { SECRET, signedJob, useApp } from './helper';

const app = useApp({ EXECUTOR_POOL_LANGUAGES: 'python,javascript' });
const hello = { language: 'python', files: [{ path: 'main.py', content: 'print(1)' }] };

describe('signatures', () => {
  it('[EXEC9] refuses an unsigned request with 401', async () => {
    const res = await app().inject({ method: 'POST', url: '/v1/jobs', payload: hello });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toContain('missing x-codesync-timestamp');
  });

  it('[EXEC9] refuses a forged signature with 401', async () => {
    const body = JSON.stringify(hello);
    const headers = await signedHeaders('not-the-secret-0123456789abcdef0123', 'to-executor', {
      method: 'POST',
      path: '/v1/jobs',
      body: body,
    });
    const res = await app().inject({ method: 'POST', url: '/v1/jobs', headers, payload: body });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toContain('signature does not match');
  });

  it('[EXEC9] refuses a signature over another body with 401', async () => {
    const headers = await signedHeaders(SECRET, 'to-executor', {
      method: 'POST',
      path: '/v1/jobs',
      body: JSON.stringify(hello),
    });
    const res = await app().inject({
      method: 'POST',
      url: '/v1/jobs',
      headers,
      payload: JSON.stringify({ ...hello, stdin: 'changed' }),
    });
    expect(res.statusCode).toBe(401);
  });

  it('[EXEC9] refuses a stale (> 300 s) request with 401', async () => {
    const body = JSON.stringify(hello);
    const headers = await signedHeaders(
      SECRET,
      'to-executor',
      { method: 'POST', path: '/v1/jobs', body: body },
      Math.floor(Date.now() / 1000) - 301,
    );
    const res = await app().inject({ method: 'POST', url: '/v1/jobs', headers, payload: body });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toContain('more than 300 s');
  });
});

describe('replays', () => {
  it('[EXEC17] a signed job request sent again (same headers, same body) within the tolerance is refused 409, saying why; it runs once', async () => {
    const body = JSON.stringify(hello);
    const headers = await signedHeaders(SECRET, 'to-executor', { method: 'POST', path: '/v1/jobs', body });
    const first = await app().inject({ method: 'POST', url: '/v1/jobs', headers, payload: body });
    expect(first.statusCode, first.body).toBe(202);
    const again = await app().inject({ method: 'POST', url: '/v1/jobs', headers, payload: body });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'replayed',
      message: expect.stringMatching(/already received .* a job request is run once\. Sign each request afresh/),
    });
  });

  it('[EXEC17] the same job sent twice, each signed afresh, runs twice (in one second too); a repeated look-up is fine', async () => {
    const body = JSON.stringify(hello);
    const signed = () => signedHeaders(SECRET, 'to-executor', { method: 'POST', path: '/v1/jobs', body });
    const [a, b] = [await signed(), await signed()];
    expect(a['x-codesync-signature']).not.toBe(b['x-codesync-signature']);
    const ids: string[] = [];
    for (const headers of [a, b]) {
      const res = await app().inject({ method: 'POST', url: '/v1/jobs', headers, payload: body });
      expect(res.statusCode, res.body).toBe(202);
      ids.push(res.json().id);
    }
    expect(ids[0]).not.toBe(ids[1]);
    const path = `/v1/jobs/${ids[0]}`;
    const lookup = await signedHeaders(SECRET, 'to-executor', { method: 'GET', path, body: '' });
    for (let i = 0; i < 2; i++)
      expect((await app().inject({ method: 'GET', url: path, headers: lookup })).statusCode).toBe(200);
  });

  it('[EXEC17] what is remembered is bounded: an entry goes with its window, and past the most a new request is refused busy, never a replay let through', () => {
    let now = 1_000_000;
    const guard = new ReplayGuard(300, 2, () => now);
    expect(guard.check('v2=a', now)).toBe('fresh');
    expect(guard.check('v2=a', now)).toBe('replayed');
    expect(guard.check('v2=b', now)).toBe('fresh');
    expect(guard.check('v2=c', now)).toBe('full');
    expect(guard.check('v2=a', now)).toBe('replayed');
    now += 301;
    expect(guard.check('v2=c', now)).toBe('fresh');
    expect(guard.size).toBe(1);
  });
});

describe('validation', () => {
  const cases: [string, object, string][] = [
    ['an unknown language', { ...hello, language: 'cobol' }, `language: must be one of ${LANGUAGE_IDS.join(', ')}`],
    ['an absolute path', { ...hello, files: [{ path: '/etc/passwd', content: '' }] }, 'files.0.path: must be relative'],
    ['a .. path', { ...hello, files: [{ path: 'a/../../x.py', content: '' }] }, 'files.0.path: must not contain ".."'],
    [
      'an entry a compiler would read as an option',
      { ...hello, entry: '-o.py', files: [{ path: '-o.py', content: '' }] },
      'files.0.path: must not have a name starting with "-"; entry: must not have a name starting with "-"',
    ],
    ['a hidden file', { ...hello, files: [{ path: 'lib/.env', content: '' }] }, 'files.0.path: must not have a name'],
    [
      'too many files',
      { ...hello, files: Array.from({ length: MAX_FILES + 1 }, (_, i) => ({ path: `f${i}.py`, content: '' })) },
      'files:',
    ],
    [
      'a too large file',
      { ...hello, files: [{ path: 'main.py', content: 'x'.repeat(256 * 1024 + 1) }] },
      'files.0.content: must be at most',
    ],
    ['a limit above the ceiling', { ...hello, limits: { timeMs: 600_000 } }, 'limits.timeMs'],
    [
      'a limit above this executor maximum',
      { ...hello, limits: { memoryMb: 2048 } },
      'limits.memoryMb: must be at most 1024',
    ],
    ['an unknown limit', { ...hello, limits: { cpu: 2 } }, 'limits'],
    ['a missing entry file', { ...hello, entry: 'other.py' }, 'entry: no file named "other.py"'],
    [
      'a duplicate path',
      { ...hello, files: [hello.files[0], hello.files[0]] },
      'files.1.path: "main.py" appears twice',
    ],
  ];
  it.each(cases)('[EXEC10] refuses %s with 400 naming the field', async (_name, job, message) => {
    const res = await signedJob(app(), job);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(message);
  });

  it('[EXEC10] refuses a body that is not JSON with 400', async () => {
    const body = '{"language":';
    const res = await app().inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: await signedHeaders(SECRET, 'to-executor', { method: 'POST', path: '/v1/jobs', body: body }),
      payload: body,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('not valid JSON');
  });
});

describe('jobs', () => {
  it('answers 202 with an id, and GET /v1/jobs/:id has the result once it finishes', async () => {
    const res = await signedJob(app(), { ...hello, requestId: 'req-1' }, '');
    expect(res.statusCode).toBe(202);
    const { id } = res.json();
    const get = async () =>
      app().inject({
        method: 'GET',
        url: `/v1/jobs/${id}`,
        headers: await signedHeaders(SECRET, 'to-executor', { method: 'GET', path: `/v1/jobs/${id}`, body: '' }),
      });
    const deadline = Date.now() + 20_000;
    let result = (await get()).json();
    while (result.status !== 'finished' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      result = (await get()).json();
    }
    expect(result).toMatchObject({ id, requestId: 'req-1', status: 'finished', verdict: 'ok', stdout: '1\n' });
    const unsigned = await app().inject({ method: 'GET', url: `/v1/jobs/${id}` });
    expect(unsigned.statusCode).toBe(401);
    const missing = await app().inject({
      method: 'GET',
      url: '/v1/jobs/nope',
      headers: await signedHeaders(SECRET, 'to-executor', { method: 'GET', path: '/v1/jobs/nope', body: '' }),
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('service endpoints', () => {
  it('lists languages with version, extensions, entry, analyzer and libraries', async () => {
    const { languages } = (await app().inject({ method: 'GET', url: '/v1/languages' })).json();
    expect(languages.map((l: { id: string }) => l.id)).toEqual([...LANGUAGE_IDS]);
    expect(languages[0]).toMatchObject({
      id: 'python',
      entry: 'main.py',
      extensions: ['py'],
      analyzer: 'pyflakes',
      libraries: LANGUAGES.python.libraries,
    });
    expect(languages[0].version).toMatch(/Python 3/);
  });

  it('reports health: engine, images, pool and queue', async () => {
    const res = await app().inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ ok: true, engine: true, runtime: 'runc', queue: { mode: 'memory' } });
    expect(Object.keys(body.images)).toEqual([...LANGUAGE_IDS]);
    expect(body.pool.ready).toHaveProperty('python');
  });

  it('exports Prometheus metrics: jobs by verdict, queue depth, run time, pool hits', async () => {
    await signedJob(app(), hello);
    const text = (await app().inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toMatch(/codesync_jobs_total\{language="python",verdict="ok"\} \d+/);
    expect(text).toContain('codesync_queue_depth');
    expect(text).toContain('codesync_job_run_seconds_bucket');
    expect(text).toMatch(/codesync_pool_hits_total \d+/);
  });

  it("[HLT6] exports each job's queue wait and latency by language, and the sandboxes ready per language", async () => {
    const scrape = async () => (await app().inject({ method: 'GET', url: '/metrics' })).body;
    /** A sample's value, or null when the text has no such sample. */
    const sample = (text: string, name: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${name} `));
      return line === undefined ? null : Number(line.slice(name.length + 1));
    };
    const before = await scrape();
    const waits = sample(before, 'codesync_job_queue_wait_seconds_count{language="python"}') ?? 0;
    const latencies = sample(before, 'codesync_job_latency_seconds_count{language="python"}') ?? 0;
    expect((await signedJob(app(), hello)).json().verdict).toBe('ok');
    const after = await scrape();
    expect(sample(after, 'codesync_job_queue_wait_seconds_count{language="python"}')).toBe(waits + 1);
    expect(sample(after, 'codesync_job_latency_seconds_count{language="python"}')).toBe(latencies + 1);
    expect(sample(after, 'codesync_job_latency_seconds_sum{language="python"}')).toBeGreaterThan(0);
    expect(after).toContain('codesync_job_queue_wait_seconds_bucket{le="0.005",language="python"}');
    // The pool refills after the job: the gauge says what /health says once it has.
    await until(
      async () => (await app().inject({ method: 'GET', url: '/health' })).json().pool.ready.python === 1,
      'the python sandbox to be ready again',
    );
    const ready = await scrape();
    expect(sample(ready, 'codesync_sandboxes_ready{language="python"}')).toBe(1);
    // One gauge per warm language (EXECUTOR_POOL_LANGUAGES); none for a language never kept warm.
    expect(sample(ready, 'codesync_sandboxes_ready{language="javascript"}')).toBe(1);
    expect(sample(ready, 'codesync_sandboxes_ready{language="java"}')).toBeNull();
  });

  it('serves OpenAPI docs generated from the route schemas', async () => {
    const spec = (await app().inject({ method: 'GET', url: '/docs/json' })).json();
    expect(spec.paths['/v1/jobs'].post.requestBody.content['application/json'].schema.properties).toHaveProperty(
      'files',
    );
    expect((await app().inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('answers unknown routes with 404 JSON', async () => {
    const res = await app().inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
