import type { Verdict } from './verdict.js';

/** Emoji and words of each verdict, shared by every renderer. */
export const VERDICT_TEXT: Readonly<Record<Verdict, { readonly emoji: string; readonly label: string }>> = {
  passed: { emoji: '✅', label: 'passed' },
  'thresholds-breached': { emoji: '❌', label: 'thresholds breached' },
  invalid: { emoji: '⚠️', label: 'invalid run' },
  'infrastructure-failure': { emoji: '💥', label: 'infrastructure failure' },
  interrupted: { emoji: '⏹️', label: 'interrupted' },
};
