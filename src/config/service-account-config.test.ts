import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { formatConfigErrors } from './format-config-errors.ts';
import { loadConfigFile } from './load-config-file.ts';
import { parseConfigText } from './parse-config-text.ts';

const RSA_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const EC_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const KEY_BODY = RSA_KEY.split('\n')[1];
const EMAIL = 'gateway@my-project.iam.gserviceaccount.com';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-sa-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function keyJson(fields: Record<string, unknown>): string {
  return JSON.stringify({ type: 'service_account', project_id: 'my-project', private_key_id: 'abc123', client_email: EMAIL, private_key: RSA_KEY, ...fields }, null, 2);
}

function vertexWithFile(path: string): string {
  return `providers:\n  vx:\n    type: vertex\n    project: my-project\n    region: us-east5\n    gcp_service_account_file: ${path}\nmodels:\n  gemini: vx/gemini-2.5-flash\n`;
}

test('the key file form is read at load time, relative to the config file', async () => {
  writeFileSync(join(dir, 'sa.json'), keyJson({ token_uri: 'https://oauth2.googleapis.com/token' }));
  writeFileSync(join(dir, 'switchyard.yaml'), vertexWithFile('./sa.json'));
  const result = await loadConfigFile(join(dir, 'switchyard.yaml'), {});
  if (!result.ok) assert.fail(formatConfigErrors(result.errors));
  assert.deepEqual(result.warnings, []);
  assert.deepEqual(result.config.providers.vx, {
    id: 'vx',
    type: 'vertex',
    baseUrl: 'https://us-east5-aiplatform.googleapis.com/v1',
    region: 'us-east5',
    project: 'my-project',
    gcpServiceAccount: { clientEmail: EMAIL, privateKey: RSA_KEY, tokenUri: 'https://oauth2.googleapis.com/token' },
    dataPolicy: { dataCollection: 'allow', zdr: false },
    headers: {},
    maxConnections: 4096,
    connectionQueueMax: 1024,
    connectionWaitMs: 1000,
    timeouts: { connectMs: 5000, firstByteMs: 60000, idleMs: 30000, totalMs: 600000 },
  });
});

test('a key file without token_uri gets the Google default; the path may come from the environment', () => {
  const path = join(dir, 'no-uri.json');
  writeFileSync(path, keyJson({}));
  const result = parseConfigText(vertexWithFile('${GOOGLE_APPLICATION_CREDENTIALS}'), { GOOGLE_APPLICATION_CREDENTIALS: path });
  if (!result.ok) assert.fail(formatConfigErrors(result.errors));
  assert.equal(result.config.providers.vx.gcpServiceAccount?.tokenUri, 'https://oauth2.googleapis.com/token');
});

test('the reader can be injected and relative paths resolve against baseDir', () => {
  const seen: string[] = [];
  const readFile = (path: string) => {
    seen.push(path);
    return keyJson({});
  };
  const result = parseConfigText(vertexWithFile('keys/sa.json'), {}, 'c.yaml', { baseDir: '/etc/switchyard', readFile });
  assert.equal(result.ok, true);
  assert.deepEqual(seen, ['/etc/switchyard/keys/sa.json']);
});

function fileError(contents: string | undefined, name: string): { path: string; line?: number; message: string; rendered: string } {
  const path = join(dir, name);
  if (contents !== undefined) writeFileSync(path, contents);
  const text = vertexWithFile(path);
  const result = parseConfigText(text, {}, 'switchyard.yaml');
  assert.equal(result.ok, false);
  if (result.ok) throw new Error('unreachable');
  assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
  const [error] = result.errors;
  return { path: error.path, line: error.line, message: error.message, rendered: formatConfigErrors(result.errors, text) };
}

test('key file problems are errors at gcp_service_account_file naming the file, never its contents', () => {
  const cases: Array<[string | undefined, string, string]> = [
    [undefined, 'missing.json', `cannot read service-account key ${join(dir, 'missing.json')}: file not found`],
    [`{"private_key": "${KEY_BODY}"`, 'truncated.json', `${join(dir, 'truncated.json')} is not valid JSON (expected a Google service-account key file)`],
    [RSA_KEY, 'pem-not-json.json', `${join(dir, 'pem-not-json.json')} is not valid JSON (expected a Google service-account key file)`],
    [
      JSON.stringify({ type: 'authorized_user', client_id: 'x', client_secret: KEY_BODY, refresh_token: 'r' }),
      'adc.json',
      `${join(dir, 'adc.json')} is a "authorized_user" credential, not a service-account key (create one under IAM → Service accounts → Keys)`,
    ],
    [keyJson({ client_email: '' }), 'no-email.json', `${join(dir, 'no-email.json')} has no client_email`],
    [keyJson({ private_key: `-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n-----END PRIVATE KEY-----\n` }), 'bad-pem.json', `the private_key in ${join(dir, 'bad-pem.json')} is not a PEM-encoded private key (expected "-----BEGIN PRIVATE KEY-----" … "-----END PRIVATE KEY-----")`],
    [keyJson({ private_key: EC_KEY }), 'ec.json', `the private_key in ${join(dir, 'ec.json')} must be an RSA key (this one is ec); service accounts sign with RS256`],
    [keyJson({ token_uri: 'oauth2/token' }), 'bad-uri.json', `the token_uri in ${join(dir, 'bad-uri.json')} must be an absolute http(s) URL such as https://oauth2.googleapis.com/token`],
  ];
  for (const [contents, name, message] of cases) {
    const error = fileError(contents, name);
    assert.deepEqual([error.path, error.line, error.message], ['providers.vx.gcp_service_account_file', 6, message], name);
    assert.ok(!error.rendered.includes(KEY_BODY), `${name}: ${error.rendered}`);
  }
});

const INLINE = `providers:
  vx:
    type: vertex
    project: my-project
    region: us-central1
    gcp_service_account:
      client_email: \${GCP_CLIENT_EMAIL}
      private_key: \${GCP_PRIVATE_KEY}
`;

test('the inline form takes the key from the environment', () => {
  const result = parseConfigText(INLINE, { GCP_CLIENT_EMAIL: EMAIL, GCP_PRIVATE_KEY: RSA_KEY });
  if (!result.ok) assert.fail(formatConfigErrors(result.errors));
  assert.deepEqual(result.config.providers.vx.gcpServiceAccount, { clientEmail: EMAIL, privateKey: RSA_KEY, tokenUri: 'https://oauth2.googleapis.com/token' });
});

test('an inline key that is not PEM is an error at private_key that shows neither the key nor its source line', () => {
  const garbage = `-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n-----END PRIVATE KEY-----`;
  const result = parseConfigText(INLINE, { GCP_CLIENT_EMAIL: EMAIL, GCP_PRIVATE_KEY: garbage }, 'switchyard.yaml');
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.deepEqual(
    result.errors.map((e) => [e.path, e.line, e.column]),
    [['providers.vx.gcp_service_account.private_key', 8, 20]],
  );
  assert.match(result.errors[0].message, /^is not a PEM-encoded private key/);
  assert.ok(!JSON.stringify(result.errors).includes(KEY_BODY));
  assert.ok(!formatConfigErrors(result.errors, INLINE).includes(KEY_BODY));
});

test('a PEM key written into the file as a block scalar is never shown in an excerpt', () => {
  const text = `providers:
  vx:
    type: vertex
    project: my-project
    region: us-central1
    gcp_service_account:
      client_email: ${EMAIL}
      private_key: |
${RSA_KEY.split('\n').map((line) => `        ${line}`).join('\n')}
      token_uri: not-a-url
`;
  const result = parseConfigText(text, {}, 'switchyard.yaml');
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.deepEqual(result.errors.map((e) => e.path), ['providers.vx.gcp_service_account.token_uri']);
  const broken = text.replace(`        ${KEY_BODY}`, `      ${KEY_BODY}`);
  const syntax = parseConfigText(broken, {}, 'switchyard.yaml');
  assert.equal(syntax.ok, false);
  if (syntax.ok) return;
  const rendered = formatConfigErrors(syntax.errors, broken);
  assert.match(rendered, /YAML syntax error/);
  assert.match(rendered, /<redacted>/);
  assert.ok(!rendered.includes(KEY_BODY.slice(0, 24)), rendered);
  assert.ok(!JSON.stringify(syntax.errors).includes(KEY_BODY.slice(0, 24)));
});

test('an empty inline credential is a warning naming the variable, not an error', () => {
  const result = parseConfigText(INLINE.replace('${GCP_PRIVATE_KEY}', '${GCP_PRIVATE_KEY:-}'), { GCP_CLIENT_EMAIL: EMAIL }, 'switchyard.yaml');
  if (!result.ok) assert.fail(formatConfigErrors(result.errors));
  assert.deepEqual(result.warnings, [
    'switchyard.yaml:8:20  providers.vx.gcp_service_account.private_key: is empty (GCP_PRIVATE_KEY unset or empty); provider "vx" cannot obtain access tokens',
  ]);
});
