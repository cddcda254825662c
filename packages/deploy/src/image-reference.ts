import { ImageReferenceError } from './errors.js';

/** A container image reference, `repository[:tag][@sha256:<64 hex>]`, split the way charts take it. */
export interface ImageReference {
  /** Everything before the tag and digest, registry included: `prload.local/traefik`, `hashicorp/http-echo`. */
  readonly repository: string;
  /** The registry host (and port) when the reference names one: `prload.local`, `localhost:5000`. Absent for Docker Hub names. */
  readonly registry?: string;
  /** The repository without its registry: `traefik`, `hashicorp/http-echo`. */
  readonly path: string;
  /** Absent when the reference has none: charts then keep their own default tag. */
  readonly tag?: string;
  /** `sha256:<64 lowercase hex>`; absent when the reference has none. */
  readonly digest?: string;
}

// The grammar of github.com/distribution/reference (reference.go), without IPv6 hosts.
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?$`);
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const PATH = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
/** distribution/reference's NameTotalLengthMax. */
const MAX_NAME_LENGTH = 255;

const SHAPE = 'must be an image reference like repository[:tag][@sha256:<64 hex>]';

/** Why `reference` is not an image reference, or undefined when it is one (pure; the config schema uses it too). */
export function imageReferenceProblem(reference: string): string | undefined {
  try {
    split(reference);
    return undefined;
  } catch (error) {
    if (error instanceof ImageReferenceError) return error.message;
    throw error;
  }
}

/**
 * Splits `repository[:tag][@sha256:<64 hex>]`. The first path component is the
 * registry when it holds a `.` or `:`, is `localhost` or has upper-case letters,
 * as Docker decides (distribution/reference normalize.go); otherwise the image
 * is on Docker Hub. Throws ImageReferenceError naming `what` (a key or option).
 */
export function parseImageReference(reference: string, what: string): ImageReference {
  try {
    return split(reference);
  } catch (error) {
    if (error instanceof ImageReferenceError) {
      throw new ImageReferenceError(`${what}: ${error.message}, got ${JSON.stringify(reference)}`);
    }
    throw error;
  }
}

function split(reference: string): ImageReference {
  if (reference === '') throw new ImageReferenceError('must not be empty');
  const at = reference.indexOf('@');
  const digest = at === -1 ? undefined : reference.slice(at + 1);
  if (digest !== undefined && !DIGEST.test(digest)) {
    throw new ImageReferenceError('must end in a digest of the form @sha256:<64 lowercase hex digits>');
  }
  const named = at === -1 ? reference : reference.slice(0, at);
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  const repository = hasTag ? named.slice(0, colon) : named;
  const tag = hasTag ? named.slice(colon + 1) : undefined;
  if (tag !== undefined && !TAG.test(tag)) {
    throw new ImageReferenceError(`${SHAPE} (a tag is up to 128 letters, digits, '_', '.' or '-')`);
  }
  if (repository.length > MAX_NAME_LENGTH) {
    throw new ImageReferenceError(`${SHAPE} (a repository is at most ${MAX_NAME_LENGTH} characters)`);
  }
  const slash = repository.indexOf('/');
  const first = slash === -1 ? '' : repository.slice(0, slash);
  const namesRegistry = slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  const registry = namesRegistry ? first : undefined;
  const path = namesRegistry ? repository.slice(slash + 1) : repository;
  if ((registry !== undefined && !DOMAIN.test(registry)) || !PATH.test(path)) {
    throw new ImageReferenceError(`${SHAPE} (lower-case path components, an optional registry host first)`);
  }
  return {
    repository,
    ...(registry ? { registry } : {}),
    path,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}
