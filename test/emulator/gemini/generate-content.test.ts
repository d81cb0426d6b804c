import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from '../server.ts';
import { postJson, sseData } from '../test-clients.ts';
import { googleBody, type GoogleTestBody } from './google-test-body.ts';

const EIGHT_TOKENS = 'Switchyard emulated reply with plain deterministic words so';
const KEY = 'AIza-emulator';
const GENERATE = '/v1beta/models/gemini-2.5-flash:generateContent';
const STREAM = '/v1beta/models/gemini-2.5-flash:streamGenerateContent';

const user = (text: string) => ({ role: 'user', parts: [{ text }] });
const body = (text: string, extra: Record<string, unknown> = {}) => ({ contents: [user(text)], ...extra });
const weatherTool = { functionDeclarations: [{ name: 'get_weather', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' }, days: { type: 'INTEGER' } } } }] };

describe('Gemini emulator: generateContent', () => {
  let emulator: Emulator;
  const post = (path: string, value: unknown, headers: Record<string, string> = { 'x-goog-api-key': KEY }) => postJson(emulator, path, value, headers);
  before(async () => {
    emulator = await startEmulator({ provider: 'gemini', apiKey: KEY, quiet: true });
  });
  after(() => emulator.close());

  it('answers with a GenerateContentResponse and the shared token accounting', async () => {
    const res = await post(GENERATE, body('hello there'));
    assert.equal(res.status, 200);
    const id = emulator.log.last()!.id.toString(36).padStart(10, '0');
    assert.deepEqual(await res.json(), {
      candidates: [{ content: { parts: [{ text: EIGHT_TOKENS }], role: 'model' }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: 6, candidatesTokenCount: 8, totalTokenCount: 14, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 6 }] },
      modelVersion: 'gemini-2.5-flash',
      responseId: `emu${id}`,
    });
  });

  it('counts system parts, turns and function responses like OpenAI messages', async () => {
    const res = await post(GENERATE, {
      systemInstruction: { parts: [{ text: 'be brief' }] },
      contents: [
        user('weather in Paris'),
        { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { output: 'sunny and warm' } } }, { text: 'thanks a lot [emu tokens=2]' }] },
      ],
    });
    const json = await googleBody(res);
    assert.equal(json.usageMetadata.promptTokenCount, (4 + 2) + (4 + 3) + (4 + 0) + (4 + 3) + (4 + 3));
    assert.equal(json.usageMetadata.candidatesTokenCount, 2);
  });

  it('returns thoughts, a signature and thoughtsTokenCount for reasoning_tokens; cached tokens in cachedContentTokenCount', async () => {
    const res = await post(GENERATE, body('think [emu tokens=2 reasoning_tokens=3 cached_tokens=10]', { generationConfig: { thinkingConfig: { includeThoughts: true } } }));
    const json = await googleBody(res);
    assert.deepEqual(json.candidates[0].content.parts, [
      { text: 'Switchyard emulated reply', thought: true },
      { text: 'Switchyard emulated', thoughtSignature: json.candidates[0].content.parts[1].thoughtSignature },
    ]);
    assert.match(json.candidates[0].content.parts[1].thoughtSignature ?? '', /^[A-Za-z0-9+/=]+$/);
    assert.deepEqual(json.usageMetadata, {
      promptTokenCount: 15, candidatesTokenCount: 2, totalTokenCount: 20, cachedContentTokenCount: 10,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 15 }], cacheTokensDetails: [{ modality: 'TEXT', tokenCount: 10 }], thoughtsTokenCount: 3,
    });
    const hidden = await googleBody(await post(GENERATE, body('think [emu tokens=2 reasoning_tokens=3]')));
    assert.equal(hidden.candidates[0].content.parts.length, 1);
    assert.equal(hidden.usageMetadata.thoughtsTokenCount, 3);
  });

  it('calls functions with sampled args for tool_call / tool_calls and for mode ANY', async () => {
    const json = await googleBody(await post(GENERATE, body('go [emu tool_calls=2 tokens=3]', { tools: [weatherTool] })));
    assert.deepEqual(json.candidates[0].content.parts, [
      { functionCall: { name: 'get_weather', args: { city: 'Switchyard', days: 2 } } },
      { functionCall: { name: 'get_weather', args: { city: 'emulated', days: 3 } } },
    ]);
    assert.equal(json.candidates[0].finishReason, 'STOP');
    assert.equal(json.usageMetadata.candidatesTokenCount, 6);
    const forced = await googleBody(await post(GENERATE, body('go', { tools: [weatherTool], toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } } })));
    assert.equal(forced.candidates[0].content.parts[0].functionCall?.name, 'get_weather');
    const none = await googleBody(await post(GENERATE, body('go [emu tool_call=get_weather]', { tools: [weatherTool], toolConfig: { functionCallingConfig: { mode: 'NONE' } } })));
    assert.equal(none.candidates[0].content.parts[0].text, EIGHT_TOKENS);
  });

  it('maps finish_reason and cuts at maxOutputTokens with MAX_TOKENS', async () => {
    const filtered = await googleBody(await post(GENERATE, body('x [emu finish_reason=content_filter]')));
    assert.deepEqual(filtered.candidates[0], { finishReason: 'SAFETY', index: 0, safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }] });
    const long = await googleBody(await post(GENERATE, body('x [emu finish_reason=length]')));
    assert.equal(long.candidates[0].finishReason, 'MAX_TOKENS');
    const cut = await googleBody(await post(GENERATE, body('x [emu reasoning_tokens=2]', { generationConfig: { maxOutputTokens: 5 } })));
    assert.equal(cut.candidates[0].finishReason, 'MAX_TOKENS');
    assert.equal(cut.candidates[0].content.parts[0].text, 'Switchyard emulated reply');
    assert.equal(cut.usageMetadata.candidatesTokenCount, 3);
    const empty = await googleBody(await post(GENERATE, body('x [emu reasoning_tokens=9]', { generationConfig: { maxOutputTokens: 5 } })));
    assert.deepEqual(empty.candidates[0].content, { role: 'model' });
  });

  it('answers JSON mode with JSON text', async () => {
    const schema = await googleBody(await post(GENERATE, body('x [emu tokens=2]', { generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { ok: { type: 'BOOLEAN' } } } } })));
    assert.deepEqual(JSON.parse(schema.candidates[0].content.parts[0].text ?? ''), { ok: true });
    const plain = await googleBody(await post(GENERATE, body('x [emu tokens=3]', { generationConfig: { responseMimeType: 'application/json' } })));
    assert.deepEqual(JSON.parse(plain.candidates[0].content.parts[0].text ?? ''), { message: 'Switchyard emulated reply' });
  });

  it('streams SSE fragments with running usage and a final finish fragment', async () => {
    const res = await post(`${STREAM}?alt=sse`, body('hi [emu tokens=2 reasoning_tokens=1]', { generationConfig: { thinkingConfig: { includeThoughts: true } } }));
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const frames = sseData(await res.text()).map((d) => JSON.parse(d) as GoogleTestBody);
    const tail = { modelVersion: 'gemini-2.5-flash', responseId: frames[0].responseId };
    const usage = (visible: number, reasoning: number) => ({
      promptTokenCount: 5, ...(visible > 0 ? { candidatesTokenCount: visible } : {}), totalTokenCount: 5 + visible + reasoning,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 5 }], thoughtsTokenCount: reasoning,
    });
    const signature = frames[1].candidates[0].content.parts[0].thoughtSignature;
    assert.deepEqual(frames, [
      { candidates: [{ content: { parts: [{ text: 'Switchyard', thought: true }], role: 'model' }, index: 0 }], usageMetadata: usage(0, 1), ...tail },
      { candidates: [{ content: { parts: [{ text: 'Switchyard', thoughtSignature: signature }], role: 'model' }, index: 0 }], usageMetadata: usage(1, 1), ...tail },
      { candidates: [{ content: { parts: [{ text: ' emulated' }], role: 'model' }, index: 0 }], usageMetadata: usage(2, 1), ...tail },
      { candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, finishReason: 'STOP', index: 0 }], usageMetadata: usage(2, 1), ...tail },
    ]);
    assert.equal(emulator.log.last()!.chunksSent, 4);
  });

  it('streams a JSON array without alt=sse', async () => {
    const res = await post(STREAM, body('hi [emu tokens=2]'));
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const fragments = (await res.json()) as GoogleTestBody[];
    assert.equal(fragments.length, 3);
    assert.equal(fragments[2].candidates[0].finishReason, 'STOP');
  });

  it('sends Google error envelopes for directives, bad input and bad keys', async () => {
    const limited = await post(GENERATE, body('x [emu status=429 retry_after=2]'));
    assert.equal(limited.status, 429);
    assert.deepEqual(await limited.json(), { error: {
      code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED',
      details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' }],
    } });
    const busy = await post(GENERATE, body('x [emu status=503]'));
    assert.deepEqual(await busy.json(), { error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } });
    const long = await post(GENERATE, body('x [emu status=400 error_code=context_length_exceeded]'));
    assert.deepEqual(await long.json(), { error: {
      code: 400, message: 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).', status: 'INVALID_ARGUMENT',
    } });
    const badJson = await post(GENERATE, '{nope');
    assert.equal(badJson.status, 400);
    assert.equal((await googleBody(badJson)).error.status, 'INVALID_ARGUMENT');
    const noContents = await post(GENERATE, { contents: [] });
    assert.deepEqual(await noContents.json(), { error: { code: 400, message: '* GenerateContentRequest.contents: contents is not specified\n', status: 'INVALID_ARGUMENT' } });
    const wrongKey = await post(GENERATE, body('x'), { 'x-goog-api-key': 'nope' });
    assert.equal(wrongKey.status, 400);
    assert.equal((await googleBody(wrongKey)).error.details?.[0].reason, 'API_KEY_INVALID');
    const noKey = await post(GENERATE, body('x'), {});
    assert.equal(noKey.status, 403);
    assert.equal((await googleBody(noKey)).error.status, 'PERMISSION_DENIED');
    const queryKey = await post(`${GENERATE}?key=${KEY}`, body('x'), {});
    assert.equal(queryKey.status, 200);
    const unauth = await post(GENERATE, body('x [emu status=401]'));
    assert.deepEqual(await unauth.json(), { error: { code: 401, message: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.', status: 'UNAUTHENTICATED' } });
  });
});
