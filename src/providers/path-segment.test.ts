import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProviderConfig } from '../config/types.ts';
import { HttpError } from '../server/http-error.ts';
import { azureDeploymentPath } from './azure-openai/azure-openai-paths.ts';
import { canonicalUri } from './bedrock/aws-uri-encode.ts';
import { bedrockModelPath } from './bedrock/encode-bedrock-converse-request.ts';
import { geminiModelPath } from './gemini/gemini-endpoints.ts';
import { pathSegment } from './path-segment.ts';
import { vertexModelPath } from './vertex/vertex-endpoints.ts';

const timeouts = { connectMs: 1, firstByteMs: 1, idleMs: 1, totalMs: 1 };
const vertex: ProviderConfig = { id: 'vx', type: 'vertex', baseUrl: 'http://x/v1', headers: {}, maxConnections: 1, timeouts, project: 'proj', region: 'us-central1' };
const azure: ProviderConfig = { id: 'az', type: 'azure-openai', baseUrl: 'http://x/openai', headers: {}, maxConnections: 1, timeouts };

const refused = (fn: () => unknown) =>
  assert.throws(fn, (e: unknown) => e instanceof HttpError && e.status === 400 && e.code === 'invalid_model_name');

/** What a URL parser makes of the path: no segment may be removed or climbed out of. */
const resolved = (path: string) => new URL(path, 'http://upstream.example/base/').pathname;

test('pathSegment encodes slashes and refuses empty, . and .. segments', () => {
  assert.equal(pathSegment('a/b:c@d'), 'a%2Fb%3Ac%40d');
  assert.equal(pathSegment('...'), '...');
  for (const bad of ['', '.', '..']) refused(() => pathSegment(bad));
});

test('gemini: a wildcard remainder with / or .. cannot reshape the path', () => {
  assert.equal(geminiModelPath('gemini-2.0-flash', 'generateContent'), '/models/gemini-2.0-flash:generateContent');
  assert.equal(geminiModelPath('tunedModels/my-model', 'generateContent'), '/tunedModels/my-model:generateContent');
  assert.equal(geminiModelPath('../../files/x', 'generateContent'), '/models/..%2F..%2Ffiles%2Fx:generateContent');
  assert.equal(geminiModelPath('tunedModels/a/b', 'generateContent'), '/tunedModels/a%2Fb:generateContent');
  assert.equal(resolved(geminiModelPath('../../x', 'generateContent')), '/models/..%2F..%2Fx:generateContent');
  refused(() => geminiModelPath('..', 'generateContent'));
  refused(() => geminiModelPath('models/..', 'generateContent'));
  refused(() => geminiModelPath('tunedModels/', 'generateContent'));
});

test('vertex: only full resource names keep their slashes, each segment checked', () => {
  assert.equal(vertexModelPath(vertex, 'gemini-2.5-flash', 'generateContent'), '/projects/proj/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent');
  assert.equal(vertexModelPath(vertex, 'projects/p/locations/l/endpoints/123', 'generateContent'), '/projects/p/locations/l/endpoints/123:generateContent');
  assert.equal(vertexModelPath(vertex, 'projects/p/locations/l/publishers/meta/models/llama', 'generateContent'), '/projects/p/locations/l/publishers/meta/models/llama:generateContent');
  assert.equal(vertexModelPath(vertex, 'x/../../../y', 'generateContent'), '/projects/proj/locations/us-central1/publishers/google/models/x%2F..%2F..%2F..%2Fy:generateContent');
  assert.equal(vertexModelPath(vertex, 'projects/../x', 'generateContent'), '/projects/proj/locations/us-central1/publishers/google/models/projects%2F..%2Fx:generateContent');
  refused(() => vertexModelPath(vertex, 'projects/p/locations/../endpoints/e', 'generateContent'));
  refused(() => vertexModelPath(vertex, '..', 'generateContent'));
});

test('azure: the deployment is one segment', () => {
  assert.equal(azureDeploymentPath(azure, 'gpt-4o', 'chat/completions'), '/deployments/gpt-4o/chat/completions?api-version=2024-10-21');
  assert.equal(azureDeploymentPath(azure, 'a/../b', 'chat/completions'), '/deployments/a%2F..%2Fb/chat/completions?api-version=2024-10-21');
  refused(() => azureDeploymentPath(azure, '..', 'chat/completions'));
  refused(() => azureDeploymentPath(azure, '.', 'embeddings'));
});

test('bedrock: the model id is one segment, and the signed canonical URI encodes it once more', () => {
  const path = bedrockModelPath('a/../../b:0', 'converse');
  assert.equal(path, '/model/a%2F..%2F..%2Fb%3A0/converse');
  assert.equal(resolved(path), '/model/a%2F..%2F..%2Fb%3A0/converse');
  assert.equal(canonicalUri(path), '/model/a%252F..%252F..%252Fb%253A0/converse');
  refused(() => bedrockModelPath('..', 'converse'));
  refused(() => bedrockModelPath('', 'invoke'));
});
