import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackHost, isLoopbackOrigin } from './loopback-host.ts';

test('loopback Host values, with or without a port, are accepted', () => {
  for (const h of ['localhost', 'localhost:4000', 'LOCALHOST:4000', '127.0.0.1', '127.0.0.1:1', '[::1]', '[::1]:4000']) assert.equal(isLoopbackHost(h), true, h);
});

test('other Host values are refused, including look-alikes a rebinding page could use', () => {
  for (const h of ['', 'evil.example', 'evil.example:4000', 'localhost.evil.example', '127.0.0.1.nip.io', '127.0.0.2', '0.0.0.0', '[::1', '[::2]:80', '::1', 'localhost:', 'localhost:abc', 'localhost:4000:1', '127.0.0.1:1234567', 'localhost@evil']) {
    assert.equal(isLoopbackHost(h), false, h);
  }
});

test('Origin must be an http(s) loopback origin', () => {
  for (const o of ['http://localhost:4000', 'https://127.0.0.1', 'http://[::1]:3000']) assert.equal(isLoopbackOrigin(o), true, o);
  for (const o of ['null', 'http://evil.example', 'http://localhost.evil.example', 'file://localhost', 'http://localhost/x', 'http://user@localhost', 'localhost']) assert.equal(isLoopbackOrigin(o), false, o);
});
