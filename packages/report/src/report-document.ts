/**
 * The shape every report is built in before it becomes text or HTML. A report is a list of blocks;
 * `renderText` and `renderHtml` turn the same blocks into the plain-text and HTML bodies, so the two
 * always carry the same facts.
 */

/** A chart attached to a message: the HTML refers to it as `cid:<cid>`. */
export interface ReportImage {
  cid: string;
  filename: string;
  png: Uint8Array;
  alt: string;
}

/** What a renderer returns: the subject, both bodies and the inline images to attach. */
export interface RenderedReport {
  subject: string;
  text: string;
  html: string;
  images: ReportImage[];
}

export interface FactRow {
  label: string;
  value: string;
  /** Optional short note printed after the value, e.g. 'threshold 170 spm'. */
  note?: string;
}

export type Tone = 'normal' | 'muted' | 'warning' | 'good';

export interface AdviceItem {
  /** Short heading: cue severity or suggestion title. */
  title: string;
  tone: Tone;
  body: string;
  reason: string;
  /** Exercises with doses, for recovery suggestions. */
  exercises?: Array<{ name: string; dose: string }>;
  source: string[];
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'facts'; rows: FactRow[] }
  | { kind: 'paragraph'; text: string; tone?: Tone }
  | { kind: 'image'; image: ReportImage; width: number; height: number }
  | { kind: 'advice'; items: AdviceItem[] }
  | { kind: 'table'; columns: string[]; rows: string[][]; caption: string };

export interface ReportLink {
  label: string;
  url: string;
}

export interface ReportDocument {
  /** Large title at the top of the message. */
  title: string;
  /** One line under the title (date, athlete). */
  subtitle: string;
  blocks: Block[];
  links: ReportLink[];
  /** Closing line in small print. */
  footer: string;
}
