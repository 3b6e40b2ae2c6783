import type { AdviceItem, Block, ReportDocument } from './report-document.ts';

const WIDTH = 76;

const UNIT = /^(s\/km|s\/mi|spm|bpm|km|mi|m|ft|ms|mm|min)\b/;

/** Splits on whitespace but keeps a number and its unit together ('11 s/km' is one word). */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const w of text.split(/\s+/)) {
    if (w.length === 0) continue;
    const prev = words[words.length - 1];
    if (prev !== undefined && /\d$/.test(prev) && UNIT.test(w)) words[words.length - 1] = `${prev} ${w}`;
    else words.push(w);
  }
  return words;
}

/** Greedy word wrap to `width` columns, continuation lines indented by `indent`. */
export function wrapText(text: string, width = WIDTH, indent = ''): string[] {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let line = lead;
  for (const word of wordsOf(text)) {
    const prefix = lines.length === 0 ? '' : indent;
    if (line.trim().length > 0 && prefix.length + line.length + 1 + word.length > width) {
      lines.push(prefix + line);
      line = word;
    } else {
      line = line.trim().length > 0 ? `${line} ${word}` : `${line}${word}`;
    }
  }
  if (line.length > 0 || lines.length === 0) lines.push((lines.length === 0 ? '' : indent) + line);
  return lines;
}

function adviceLines(item: AdviceItem): string[] {
  const out = wrapText(item.body ? `* ${item.title}: ${item.body}` : `* ${item.title}`, WIDTH, '  ');
  for (const ex of item.exercises ?? []) out.push(...wrapText(`  - ${ex.name}: ${ex.dose}`, WIDTH, '    '));
  out.push(...wrapText(`  Why: ${item.reason}`, WIDTH, '  '));
  if (item.source.length > 0) out.push(...wrapText(`  Source: ${item.source.join('; ')}`, WIDTH, '  '));
  return out;
}

function blockLines(block: Block): string[] {
  switch (block.kind) {
    case 'heading':
      return ['', block.text, '-'.repeat(block.text.length)];
    case 'facts': {
      const pad = Math.max(...block.rows.map((r) => r.label.length)) + 2;
      return block.rows.flatMap((r) =>
        wrapText(
          `${`${r.label}:`.padEnd(pad)}${r.value}${r.note ? ` (${r.note})` : ''}`,
          WIDTH,
          ' '.repeat(pad),
        ),
      );
    }
    case 'paragraph':
      return wrapText(block.tone === 'warning' ? `! ${block.text}` : block.text);
    case 'image':
      return wrapText(`[Chart: ${block.image.alt}]`);
    case 'advice':
      return block.items.flatMap((item, i) => (i === 0 ? adviceLines(item) : ['', ...adviceLines(item)]));
    case 'table': {
      const widths = block.columns.map((c, i) =>
        Math.max([...c].length, ...block.rows.map((r) => [...(r[i] ?? '')].length)),
      );
      const line = (cells: readonly string[]): string =>
        cells
          .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
          .join('  ')
          .trimEnd();
      return [line(block.columns), ...block.rows.map(line), ...wrapText(block.caption)];
    }
  }
}

/**
 * Renders a report document as the plain-text body of a message: underlined headings, aligned
 * label/value rows, wrapped at 76 columns, each chart replaced by its description so nothing is
 * lost for readers without images.
 */
export function renderText(doc: ReportDocument): string {
  const lines = [doc.title, '='.repeat(doc.title.length), ...wrapText(doc.subtitle), ''];
  doc.blocks.forEach((block, i) => {
    const previous = doc.blocks[i - 1]?.kind ?? 'heading';
    if (previous !== 'heading' && block.kind !== 'heading') lines.push('');
    lines.push(...blockLines(block));
  });
  if (doc.links.length > 0) {
    lines.push('');
    for (const link of doc.links) lines.push(`${link.label}: ${link.url}`);
  }
  lines.push('', ...wrapText(doc.footer));
  return `${lines.join('\n')}\n`;
}
