import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsUriEncode, canonicalUri } from './aws-uri-encode.ts';
import { signAwsSigV4, type SigV4Request } from './sign-aws-sigv4.ts';

// The AWS Signature Version 4 test suite (service "service", us-east-1, 2015-08-30T12:36:00Z, the
// documented example credentials), as carried by aws-sdk-js-v3 packages/signature-v4/src/suite.fixture.ts.
const NOW = Date.UTC(2015, 7, 30, 12, 36, 0);
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const SCOPE = 'AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';
const STS_TOKEN =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

function suite(req: Partial<SigV4Request> & { method: string }, sessionToken?: string) {
  return signAwsSigV4(
    { host: 'example.amazonaws.com', path: '/', headers: {}, body: '', ...req },
    { service: 'service', region: 'us-east-1', credentials: { ...CREDENTIALS, sessionToken }, now: NOW, contentSha256Header: false },
  );
}

const authorization = (signedHeaders: string, signature: string) =>
  `AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=${signedHeaders}, Signature=${signature}`;

describe('signAwsSigV4 against the AWS test suite', () => {
  it('get-vanilla: canonical request, string to sign and signature', () => {
    const s = suite({ method: 'GET' });
    assert.equal(s.canonicalRequest, 'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(s.stringToSign, 'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63');
    assert.equal(s.headers.authorization, authorization('host;x-amz-date', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'));
    assert.deepEqual(Object.keys(s.headers).sort(), ['authorization', 'x-amz-date']);
  });

  it('post-vanilla', () => {
    assert.equal(suite({ method: 'POST' }).signature, '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b');
  });

  it('post-x-www-form-urlencoded: signs content-type and the body hash', () => {
    const s = suite({ method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'Param1=value1' });
    assert.equal(s.headers.authorization, authorization('content-type;host;x-amz-date', 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a'));
  });

  it('post-sts-header-before: the session token is sent and signed', () => {
    const s = suite({ method: 'POST' }, STS_TOKEN);
    assert.equal(s.headers.authorization, authorization('host;x-amz-date;x-amz-security-token', '85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead'));
    assert.equal(s.headers['x-amz-security-token'], STS_TOKEN);
  });

  it('query vectors: sorted by name, re-encoded, UTF-8', () => {
    assert.equal(suite({ method: 'GET', path: '/?Param2=value2&Param1=value1' }).signature, 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500');
    assert.equal(suite({ method: 'GET', path: '/?%E1%88%B4=bar' }).signature, '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04');
    assert.equal(suite({ method: 'POST', path: '/?Param1=value1' }).signature, '28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11');
    assert.equal(
      suite({ method: 'POST', path: '/?%40%23%24%25%5E=&%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D' }).signature,
      '66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e',
    );
  });

  it('path vectors: unreserved characters and UTF-8', () => {
    assert.equal(suite({ method: 'GET', path: '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz' }).signature, '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f');
    assert.equal(suite({ method: 'GET', path: '/ሴ' }).signature, '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85');
  });

  it('header vectors: sorting, value case, trimming and inner spaces', () => {
    assert.equal(suite({ method: 'POST', headers: { 'My-Header1': 'value1' } }).signature, 'c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c');
    assert.equal(suite({ method: 'POST', headers: { 'My-Header1': 'VALUE1' } }).signature, 'cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d');
    assert.equal(suite({ method: 'GET', headers: { 'my-header1': 'value1', 'my-header2': '"a   b   c"' } }).signature, 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736');
  });
});

describe('Bedrock specifics', () => {
  it('double-encodes a model id colon in the canonical URI', () => {
    assert.equal(canonicalUri('/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse'), '/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse');
    assert.equal(awsUriEncode("a:b/c!*'()~"), 'a%3Ab%2Fc%21%2A%27%28%29~');
  });

  it('signs x-amz-content-sha256 and content-type by default, never user-agent', () => {
    const s = signAwsSigV4(
      { method: 'POST', host: 'bedrock-runtime.us-east-1.amazonaws.com', path: '/model/m%3A0/converse', headers: { 'content-type': 'application/json', 'user-agent': 'x' }, body: '{}' },
      { service: 'bedrock', region: 'us-east-1', credentials: CREDENTIALS, now: NOW },
    );
    assert.match(s.headers.authorization, /SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,/);
    assert.match(s.headers.authorization, /Credential=AKIDEXAMPLE\/20150830\/us-east-1\/bedrock\/aws4_request/);
    assert.equal(s.headers['x-amz-content-sha256'], '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    assert.ok(s.canonicalRequest.startsWith('POST\n/model/m%253A0/converse\n\n'));
  });
});
