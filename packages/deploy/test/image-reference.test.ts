import { describe, expect, it } from 'vitest';
import { ImageReferenceError } from '../src/errors.js';
import { imageReferenceProblem, parseImageReference } from '../src/image-reference.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('parseImageReference', () => {
  it.each([
    ['traefik', { repository: 'traefik', path: 'traefik' }],
    ['hashicorp/http-echo:1.0.0', { repository: 'hashicorp/http-echo', path: 'hashicorp/http-echo', tag: '1.0.0' }],
    [
      'prload.local/traefik:v3.7.11',
      { repository: 'prload.local/traefik', registry: 'prload.local', path: 'traefik', tag: 'v3.7.11' },
    ],
    [
      'localhost:5000/team/echo',
      { repository: 'localhost:5000/team/echo', registry: 'localhost:5000', path: 'team/echo' },
    ],
    ['localhost/echo:dev', { repository: 'localhost/echo', registry: 'localhost', path: 'echo', tag: 'dev' }],
    [
      `mirror.example.com:8443/hashicorp/http-echo:1.0.0@${DIGEST}`,
      {
        repository: 'mirror.example.com:8443/hashicorp/http-echo',
        registry: 'mirror.example.com:8443',
        path: 'hashicorp/http-echo',
        tag: '1.0.0',
        digest: DIGEST,
      },
    ],
    [`ghcr.io/a/b@${DIGEST}`, { repository: 'ghcr.io/a/b', registry: 'ghcr.io', path: 'a/b', digest: DIGEST }],
    ['MyRegistry/echo', { repository: 'MyRegistry/echo', registry: 'MyRegistry', path: 'echo' }],
    ['a__b/c-d.e_f:Tag_1.2-x', { repository: 'a__b/c-d.e_f', path: 'a__b/c-d.e_f', tag: 'Tag_1.2-x' }],
  ])('splits %s', (reference, expected) => {
    expect(parseImageReference(reference, 'chart.image')).toEqual(expected);
    expect(imageReferenceProblem(reference)).toBeUndefined();
  });

  it.each([
    ['', 'must not be empty'],
    ['Traefik', 'must be an image reference like repository[:tag][@sha256:<64 hex>]'],
    ['traefik:', 'a tag is up to 128 letters'],
    ['traefik:-x', 'a tag is up to 128 letters'],
    [`traefik:${'x'.repeat(129)}`, 'a tag is up to 128 letters'],
    ['traefik@sha256:abc', 'must end in a digest of the form @sha256:<64 lowercase hex digits>'],
    [`traefik@sha512:${'a'.repeat(128)}`, '@sha256:'],
    [`traefik@sha256:${'A'.repeat(64)}`, '@sha256:'],
    ['docker://traefik:v3', 'must be an image reference'],
    ['two words', 'must be an image reference'],
    ['/traefik', 'must be an image reference'],
    ['a//b', 'must be an image reference'],
    ['-bad.host/x', 'must be an image reference'],
    [`${'a'.repeat(256)}:1`, 'at most 255 characters'],
  ])('rejects %j', (reference, message) => {
    expect(imageReferenceProblem(reference)).toContain(message);
    const error = (() => {
      try {
        parseImageReference(reference, 'ingress.image');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ImageReferenceError);
    expect((error as ImageReferenceError).code).toBe('DEPLOY_IMAGE_REFERENCE');
    expect((error as Error).message).toMatch(/^ingress\.image: /);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toMatch(/, got ".*"$/s);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });
});
