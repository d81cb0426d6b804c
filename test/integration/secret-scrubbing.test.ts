import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../src/observability/logger.ts';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { MASTER_KEY, startGatewayFromYaml, type YamlGateway } from './gateway-harness.ts';

// Keys without a well-known shape, so only exact-value scrubbing can catch them.
const OPENAI_KEY = 'oai-upstream-Zq9vX2mN7pL4wR8t';
const ANTHROPIC_KEY = 'ant-upstream-K3yT3xt9Qw2Er5Ty';
const AWS = { accessKeyId: 'AKIDSCRUBTEST0001', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSCRUBKEY' };
const SECRETS = [OPENAI_KEY, ANTHROPIC_KEY, AWS.accessKeyId, AWS.secretAccessKey];
const BEDROCK_MODEL = 'anthropic.claude-3-5-haiku-20241022-v1:0';

/** A marker that makes the upstream quote `secret` in its error's message, code and param. */
const echo = (secret: string, more = 'status=400') => `hi [emu ${more} error_message=bad_key_${secret} error_code=${secret} error_param=${secret}]`;

describe('upstream error text never carries a configured credential out', () => {
  const emus: Record<string, Emulator> = {};
  const logLines: string[] = [];
  let gw: YamlGateway;
  const seen: string[] = [];

  before(async () => {
    emus.openai = await startEmulator({ apiKey: OPENAI_KEY, quiet: true });
    emus.anthropic = await startEmulator({ provider: 'anthropic', apiKey: ANTHROPIC_KEY, quiet: true });
    emus.bedrock = await startEmulator({ provider: 'bedrock', aws: AWS, quiet: true });
    const yaml = `providers:
  oai: { type: openai, base_url: ${emus.openai.url}/v1, api_key: ${OPENAI_KEY} }
  ant: { type: anthropic, base_url: ${emus.anthropic.url}/v1, api_key: ${ANTHROPIC_KEY} }
  bed:
    type: bedrock
    base_url: ${emus.bedrock.url}
    region: us-east-1
    aws: { access_key_id: ${AWS.accessKeyId}, secret_access_key: "${AWS.secretAccessKey}" }
models:
  gpt-4o-mini: oai/gpt-4o-mini
  text-embedding-3-small: oai/text-embedding-3-small
  claude: ant/claude-sonnet-4-5
  haiku: bed/${BEDROCK_MODEL}
`;
    const log = createLogger({ level: 'debug', write: (line) => logLines.push(line) });
    gw = await startGatewayFromYaml(yaml, { log });
  });

  after(async () => {
    await gw?.close();
    await Promise.all(Object.values(emus).map((e) => e.close()));
  });

  async function call(path: string, body: unknown): Promise<{ status: number; text: string }> {
    const res = await fetch(gw.gateway.url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    seen.push(text);
    return { status: res.status, text };
  }

  function assertClean(text: string, what: string) {
    for (const s of SECRETS) assert.ok(!text.includes(s), `${what} quotes ${s}: ${text}`);
  }

  const chat = (model: string, content: string, stream = false) => ({ model, stream, messages: [{ role: 'user', content }] });

  test('OpenAI identity, JSON error: message, code and param are scrubbed', async () => {
    const r = await call('/v1/chat/completions', chat('gpt-4o-mini', echo(OPENAI_KEY)));
    assert.equal(r.status, 400);
    const e = (JSON.parse(r.text) as { error: { message: string; code: string; param: string } }).error;
    assert.deepEqual([e.message, e.code, e.param], ['bad key <redacted>', '<redacted>', '<redacted>']);
    assertClean(r.text, 'the client answer');
  });

  test('OpenAI identity, server fault: the message the gateway quotes is scrubbed', async () => {
    const r = await call('/v1/chat/completions', chat('gpt-4o-mini', echo(OPENAI_KEY, 'status=503')));
    assert.equal(r.status, 502);
    assert.match(r.text, /<redacted>/);
    assertClean(r.text, 'the client answer');
  });

  test('OpenAI identity stream: an error before the first byte, and an in-band error after it', async () => {
    const early = await call('/v1/chat/completions', chat('gpt-4o-mini', echo(OPENAI_KEY), true));
    assert.equal(early.status, 400);
    assertClean(early.text, 'the client answer');
    const late = await call('/v1/chat/completions', chat('gpt-4o-mini', echo(OPENAI_KEY, 'error_after=1'), true));
    assert.equal(late.status, 200);
    assert.match(late.text, /data: \{"error":\{"message":"provider oai reported an error mid-stream: bad key <redacted>"/);
    assertClean(late.text, 'the stream');
  });

  test('OpenAI identity embeddings error', async () => {
    const r = await call('/v1/embeddings', { model: 'text-embedding-3-small', input: echo(OPENAI_KEY) });
    assert.equal(r.status, 400);
    assert.match(r.text, /<redacted>/);
    assertClean(r.text, 'the client answer');
  });

  test('Anthropic (translated): JSON error and in-band stream error, in both inbound APIs', async () => {
    const json = await call('/v1/chat/completions', chat('claude', echo(ANTHROPIC_KEY)));
    assert.equal(json.status, 400);
    assert.match(json.text, /<redacted>/);
    assertClean(json.text, 'the client answer');
    const stream = await call('/v1/chat/completions', chat('claude', echo(ANTHROPIC_KEY, 'error_after=1'), true));
    assert.match(stream.text, /"error":\{"message":"provider ant reported an error \(<redacted>\): bad key <redacted>"/);
    assertClean(stream.text, 'the stream');
    const messages = await call('/v1/messages', { model: 'claude', max_tokens: 50, stream: true, messages: [{ role: 'user', content: echo(ANTHROPIC_KEY, 'error_after=1') }] });
    assert.match(messages.text, /event: error/);
    assertClean(messages.text, 'the Anthropic-API stream');
  });

  test('Bedrock (translated): an error quoting the AWS secret and access key id, JSON and mid-stream', async () => {
    const quote = `hi [emu status=400 error_message=signature_${AWS.secretAccessKey}_from_${AWS.accessKeyId}]`;
    const json = await call('/v1/chat/completions', chat('haiku', quote));
    assert.equal(json.status, 400);
    assert.match(json.text, /signature <redacted> from <redacted>/);
    assertClean(json.text, 'the client answer');
    const stream = await call('/v1/chat/completions', chat('haiku', `hi [emu error_after=1 error_message=${AWS.secretAccessKey}]`, true));
    assert.match(stream.text, /"error":\{"message":"provider bed reported an error \(modelStreamErrorException\): <redacted>"/);
    assertClean(stream.text, 'the stream');
  });

  test('an upstream that quotes the credential it was sent (the client never saw it)', async () => {
    const oai = await call('/v1/chat/completions', chat('gpt-4o-mini', 'hi [emu status=400 echo_credential=1]'));
    assert.equal(oai.status, 400);
    assert.deepEqual(JSON.parse(oai.text).error, { message: 'Incorrect API key provided: <redacted>.', type: 'invalid_request_error', param: '<redacted>', code: '<redacted>' });
    const ant = await call('/v1/chat/completions', chat('claude', 'hi [emu error_after=1 echo_credential=1]', true));
    assert.match(ant.text, /Incorrect API key provided: <redacted>/);
    const bed = await call('/v1/chat/completions', chat('haiku', 'hi [emu status=400 echo_credential=1]'));
    assert.match(bed.text, /Incorrect API key provided: <redacted>/);
    for (const r of [oai, ant, bed]) assertClean(r.text, 'the client answer');
  });

  test('records, the admin API and the log hold no credential either', async () => {
    await gw.gateway.records.flush();
    const res = await fetch(gw.gateway.url + '/admin/v1/requests?limit=100', { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    assert.equal(res.status, 200);
    const admin = await res.text();
    const records = (JSON.parse(admin) as { data: { error_message: string | null }[] }).data;
    assert.ok(records.length >= 10, `records: ${records.length}`);
    assert.ok(records.some((r) => r.error_message?.includes('<redacted>')));
    assertClean(admin, 'GET /admin/v1/requests');
    const stored = JSON.stringify(await gw.store.records.list({ limit: 100 }));
    assertClean(stored, 'the stored records');
    assertClean(logLines.join('\n'), 'the log');
    assert.equal(seen.length >= 10, true);
  });
});
