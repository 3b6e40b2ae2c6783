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
  /**
   * Not a reference: advice the articles do not give (even pacing, the acute:chronic ratio, loss of
   * bladder or bowel control as an emergency), labelled as runcue's own general guidance.
   */
  general: 'runcue-general-guidance',
} as const satisfies Record<string, SourceRef>;

/** How a source is shown to the runner: the article's title, never its file name. */
const TITLES: Readonly<Record<string, string>> = {
  [SOURCES.posture]:
    'Strategies for reducing lower back pain associated with running through posture and core strengthening',
  [SOURCES.physio]: 'Running with Lower Back Pain',
  [SOURCES.prevention]: 'How To Avoid Lower Back Pain When Running',
  [SOURCES.rehab]: "Why Running Wrecks Your Lower Back (And It's Not Just Weakness)",
  [SOURCES.causes]: 'Lower Back Pain When Running: Causes and Solutions',
  [SOURCES.general]: "runcue's own general guidance (not from a reference article)",
};

/** The title a source is shown by; an unknown reference is shown as general guidance, never as a file. */
export function sourceTitle(ref: SourceRef): string {
  return TITLES[ref] ?? TITLES[SOURCES.general] ?? '';
}

/** Every source of an item, by title, joined for one line of a report. */
export function sourceTitles(refs: readonly SourceRef[]): string {
  return [...new Set(refs.map(sourceTitle))].join('; ');
}
