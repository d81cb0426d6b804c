import { test } from 'node:test';
import assert from 'node:assert/strict';
import { neverForwardedReason } from './never-forwarded-fields.ts';

test('endpoint, credential and header-like names are never forwarded', () => {
  for (const name of ['api_base', 'base_url', 'API_KEY', 'api_version', 'headers', 'extra_headers', 'x-api-key', 'x_custom', 'proxy_url', 'aws_secret_access_key',
    'aws_access_key_id', 'aws_session_token', 'vertex_credentials', 'authorization', 'endpoint', 'password', 'extra_body']) {
    assert.ok(neverForwardedReason(name), name);
  }
});

test('sampling and decoding extensions of OpenAI-compatible servers are allowed', () => {
  for (const name of ['top_k', 'min_p', 'repetition_penalty', 'min_tokens', 'skip_special_tokens', 'prompt_token_ids', 'return_tokens_as_token_ids',
    'guided_json', 'chat_template_kwargs', 'max_tokens', 'prompt_cache_key', 'keep_alive', 'options', 'safe_prompt']) {
    assert.equal(neverForwardedReason(name), undefined, name);
  }
});
