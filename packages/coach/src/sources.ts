import type { SourceRef } from './cue.ts';

/** The reference files under shared/reference that the rules rest on, by what they cover. */
export const SOURCES = {
  /** Posture and core strengthening; form under fatigue. */
  posture: '000_af33d964abba3345.txt',
  /** A physio's four causes: pelvic control, hip imbalance, thoracic mobility, technique. */
  physio: '001_7a43150d8e8ce508.txt',
  /** Prevention habits: smaller strides, warm-up, shoes, surfaces, seeing a professional. */
  prevention: '002_71c592cbd60da87b.txt',
  /** Causes table, rehab circuit, return-to-run protocol, cadence, pain scale, shoes, red flags. */
  rehab: '003_ee1f8b417e742fc5.txt',
  /** Causes, glute/hip/core work, deload, strength twice a week, fuelling long runs, when to worry. */
  causes: '004_caf89f660c4ce3f9.txt',
} as const satisfies Record<string, SourceRef>;
