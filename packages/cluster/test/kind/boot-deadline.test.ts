import { describe, expect, it } from 'vitest';
import { isBootDeadlineMiss } from '../../src/kind/boot-deadline.js';
import { KUBEADM_TIMEOUT_STDERR, READY_TIMEOUT_STDERR } from '../helpers/kind-output.js';

describe('isBootDeadlineMiss', () => {
  it.each([
    ['kind --wait timeout warning', READY_TIMEOUT_STDERR, true],
    ['kubeadm wait-control-plane timeout', KUBEADM_TIMEOUT_STDERR, true],
    [
      'kubeadm before 1.31',
      'ERROR: failed to create cluster: failed to init node with kubeadm: …\n\ttimed out waiting for the condition\n',
      true,
    ],
    [
      'a node image that cannot be pulled',
      'ERROR: failed to create cluster: failed to pull image "kindest/node:v9"',
      false,
    ],
    [
      'a name clash',
      'ERROR: failed to create cluster: node(s) already exist for a cluster with the name "prload"',
      false,
    ],
    [
      'kubeadm failing for another reason',
      'ERROR: failed to create cluster: failed to init node with kubeadm: [ERROR Swap]: running with swap on is not supported',
      false,
    ],
    [
      'success',
      'Creating cluster "prload" ...\n ✓ Waiting ≤ 3m0s for control-plane = Ready ⏳\n • Ready after 31s 💚\n',
      false,
    ],
  ])('%s -> %s', (_name, stderr, expected) => {
    expect(isBootDeadlineMiss(stderr)).toBe(expected);
  });
});
