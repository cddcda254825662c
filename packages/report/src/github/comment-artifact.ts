import { lstat, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CommentArtifactError } from '../errors.js';
import { commentMarker } from './comment-marker.js';
import { isPullRequestNumber, isRepository } from './repository.js';

export const COMMENT_ARTIFACT_BODY = 'prload-comment.md';
export const COMMENT_ARTIFACT_META = 'prload-comment.json';

/** Metadata saved next to the comment body; read back in the trusted workflow_run. */
export interface CommentArtifact {
  readonly schemaVersion: 1;
  readonly pr: number;
  readonly reportId: string;
  readonly repository: string;
  /** Head commit of the PR that was tested. */
  readonly sha: string;
  readonly body: string;
}

export interface SaveCommentArtifactInput {
  readonly body: string;
  readonly pr: number;
  /** @default 'prload' */
  readonly reportId?: string;
  readonly repository: string;
  readonly sha: string;
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const MAX_META_BYTES = 16 * 1024;
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Writes the comment and its metadata for the fork-PR pattern: the
 * `pull_request` run (read-only token) uploads `dir` as an artifact and a
 * `workflow_run` workflow posts it with `publishFromArtifact`.
 */
export async function saveCommentArtifact(
  dir: string,
  input: SaveCommentArtifactInput,
): Promise<{ bodyPath: string; metaPath: string }> {
  const meta = checkMeta({ schemaVersion: 1, ...input, reportId: input.reportId ?? 'prload' }, 'saveCommentArtifact');
  if (Buffer.byteLength(input.body) > MAX_BODY_BYTES) {
    throw new CommentArtifactError(`saveCommentArtifact: body exceeds ${MAX_BODY_BYTES} bytes; render with maxLength`);
  }
  await mkdir(dir, { recursive: true });
  const bodyPath = join(dir, COMMENT_ARTIFACT_BODY);
  const metaPath = join(dir, COMMENT_ARTIFACT_META);
  await writeFile(bodyPath, input.body, 'utf8');
  await writeFile(metaPath, `${JSON.stringify(meta, null, 2)}\n`, 'utf8');
  return { bodyPath, metaPath };
}

/**
 * Reads and validates a comment artifact. Everything in it came from a run
 * that may have executed a fork's code: files must be regular files (no
 * symlinks to runner secrets), small, and every field well-formed.
 */
export async function readCommentArtifact(dir: string): Promise<CommentArtifact> {
  const metaText = await readRegularFile(join(dir, COMMENT_ARTIFACT_META), MAX_META_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(metaText);
  } catch (cause) {
    throw new CommentArtifactError(`${COMMENT_ARTIFACT_META}: not valid JSON; re-run the pull_request workflow`, {
      cause,
    });
  }
  const body = await readRegularFile(join(dir, COMMENT_ARTIFACT_BODY), MAX_BODY_BYTES);
  const meta = checkMeta(json, COMMENT_ARTIFACT_META);
  return { ...meta, body };
}

async function readRegularFile(path: string, maxBytes: number): Promise<string> {
  const info = await lstat(path).catch((cause: NodeJS.ErrnoException) => {
    throw new CommentArtifactError(
      `${path}: missing from the comment artifact (${cause.code}); download the artifact of the pull_request run into this directory`,
      { cause },
    );
  });
  if (!info.isFile()) {
    throw new CommentArtifactError(`${path}: not a regular file (symlinks and directories are refused in artifacts)`);
  }
  if (info.size > maxBytes) {
    throw new CommentArtifactError(
      `${path}: ${info.size} bytes exceeds the ${maxBytes}-byte limit for comment artifacts`,
    );
  }
  return readFile(path, 'utf8');
}

function checkMeta(value: unknown, source: string): Omit<CommentArtifact, 'body'> {
  const fail = (field: string, expected: string): never => {
    throw new CommentArtifactError(
      `${source}: ${field} must be ${expected}; the artifact is malformed or was tampered with`,
    );
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('the content', 'an object');
  const v = value as Record<string, unknown>;
  if (v.schemaVersion !== 1) fail('schemaVersion', '1');
  if (!isPullRequestNumber(v.pr)) fail('pr', 'a positive integer');
  if (typeof v.reportId !== 'string') fail('reportId', 'a string');
  try {
    commentMarker(v.reportId as string);
  } catch {
    fail('reportId', '1-64 characters of A-Z a-z 0-9 . _ -');
  }
  if (!isRepository(v.repository)) fail('repository', '"owner/repo"');
  if (typeof v.sha !== 'string' || !SHA.test(v.sha)) fail('sha', 'a lowercase hex commit SHA');
  return {
    schemaVersion: 1,
    pr: v.pr as number,
    reportId: v.reportId as string,
    repository: v.repository as string,
    sha: v.sha as string,
  };
}
