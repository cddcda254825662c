import { expect, test } from 'vitest';
import { DNS_LABEL, DNS_SUBDOMAIN } from '../src/dns-label.js';

test.each(['a', 'prload', 'pr-42-1', '0abc', 'a1'])('%j is a DNS label', (name) => {
  expect(DNS_LABEL.test(name)).toBe(true);
});

test.each(['', '-a', 'a-', 'A', 'a_b', 'a.b', 'a b'])('%j is not a DNS label', (name) => {
  expect(DNS_LABEL.test(name)).toBe(false);
});

test.each([
  ['foo.localhost', true],
  ['foo', true],
  ['a-1.b-2.example', true],
  ['foo..localhost', false],
  ['.foo', false],
  ['Foo.localhost', false],
])('%j is a DNS subdomain: %s', (name, expected) => {
  expect(DNS_SUBDOMAIN.test(name)).toBe(expected);
});
