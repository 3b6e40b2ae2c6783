import type { Finding } from '../finding.ts';
import { SOURCES } from '../sources.ts';

/**
 * Nothing needed correcting: a short encouraging cue so the runner still hears what held up, with
 * the figures that were checked. Rotates its wording and never escalates past level 1 in tone.
 */
export function steady(checked: string): Finding {
  const keep = [
    'Keep doing what you did: steady rhythm, relaxed shoulders, and your strength sessions twice a week.',
    'Nothing to fix this time. Keep the easy runs easy and the core and glute work going twice a week.',
    'A solid one. Keep your step rate where it is and build your distance gradually.',
  ];
  return {
    id: 'steady',
    severity: 'info',
    priority: 10,
    kind: 'training',
    reason: `Nothing crossed a threshold: ${checked}.`,
    metrics: {},
    source: [SOURCES.causes, SOURCES.posture, SOURCES.prevention],
    messages: [keep, keep, keep],
    recovery: [],
  };
}
