import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SecretScrubber } from './secret-scrubber.ts';

const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n-----END PRIVATE KEY-----\n';

test('configured values are scrubbed by exact value, wherever they stand', () => {
  const s = new SecretScrubber(['custom-upstream-token-123', AWS_SECRET]);
  assert.equal(s.scrub('bad key custom-upstream-token-123.'), 'bad key <redacted>.');
  assert.equal(s.scrub(`sig:${AWS_SECRET}:x`), 'sig:<redacted>:x');
  assert.equal(s.scrub('nothing secret here'), 'nothing secret here');
});

test('a value is also found JSON-escaped and percent-encoded', () => {
  const s = new SecretScrubber([AWS_SECRET, PEM]);
  assert.equal(s.scrub(JSON.stringify({ m: AWS_SECRET }).replaceAll('/', '\\/')), '{"m":"<redacted>"}');
  assert.equal(s.scrub(`q=${encodeURIComponent(AWS_SECRET)}&x=1`), 'q=<redacted>&x=1');
  assert.equal(s.scrub(JSON.stringify({ key: PEM })), '{"key":"<redacted>"}');
});

test('the longest value wins when one secret contains another', () => {
  const s = new SecretScrubber(['abcdefgh', 'abcdefgh-and-more']);
  assert.equal(s.scrub('x abcdefgh-and-more y'), 'x <redacted> y');
});

test('short configured values are left alone', () => {
  const s = new SecretScrubber(['true', 'v1']);
  assert.equal(s.scrub('value true for v1 is fine'), 'value true for v1 is fine');
});

test('known key shapes are scrubbed even when not configured', () => {
  const s = new SecretScrubber([]);
  const cases: [string, string][] = [
    ['Incorrect API key provided: sk-proj-AbCdEf0123456789_xyz.', 'Incorrect API key provided: <redacted>.'],
    ['key sk-ant-api03-AAAAAAAAAAAAAAAAAAAA-BBBB rejected', 'key <redacted> rejected'],
    ['virtual key sk-sy-Zm9vYmFyYmF6cXV4MTIzNDU2', 'virtual key <redacted>'],
    ['key=AIzaSyA-1234567890abcdefghijklmnopqrstu', 'key=<redacted>'],
    ['Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1', 'Credential=<redacted>/20240101/us-east-1'],
    ['temporary ASIAIOSFODNN7EXAMPLE.', 'temporary <redacted>.'],
    ['Authorization: Bearer eyJhbGciOi.payload.sig', 'Authorization: Bearer <redacted>'],
    ['token ya29.a0AfH6SMBx3-abcdefghijklmnopqrstuv expired', 'token <redacted> expired'],
    ['assertion eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJzYUBwLmlhbSJ9.c2lnbmF0dXJl rejected', 'assertion <redacted> rejected'],
    ['see https://admin:hunter22@proxy.internal/v1 now', 'see https://<redacted>@proxy.internal/v1 now'],
    [`key ${PEM}end`, 'key <redacted>\nend'],
    ['cut -----BEGIN RSA PRIVATE KEY-----\nMIIEabc', 'cut <redacted>'],
  ];
  for (const [input, expected] of cases) assert.equal(s.scrub(input), expected, input);
});

test('ordinary words that only look a little like keys survive', () => {
  const s = new SecretScrubber([]);
  for (const text of ['task-management-service failed', 'scikit sk-learn', 'Bearer token missing', 'https://api.example.com/v1 and user@example.com', 'AKIA is a prefix']) {
    assert.equal(s.scrub(text), text);
  }
});
