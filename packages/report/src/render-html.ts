import { PALETTE } from './render-chart.ts';
import type { AdviceItem, Block, FactRow, ReportDocument, Tone } from './report-document.ts';

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TONE_COLOUR: Record<Tone, string> = {
  normal: PALETTE.primary,
  muted: PALETTE.muted,
  warning: PALETTE.warning,
  good: PALETTE.good,
};

function row(content: string, padding = '8px 24px'): string {
  return `<tr><td style="${FONT}padding:${padding};font-size:15px;line-height:22px;color:${PALETTE.ink};">${content}</td></tr>`;
}

function factsHtml(rows: FactRow[]): string {
  const trs = rows
    .map(
      (r) =>
        `<tr><td valign="top" style="${FONT}padding:5px 12px 5px 0;font-size:14px;color:${PALETTE.muted};border-bottom:1px solid ${PALETTE.grid};width:42%;">${escapeHtml(r.label)}</td>` +
        `<td valign="top" style="${FONT}padding:5px 0;font-size:15px;color:${PALETTE.ink};border-bottom:1px solid ${PALETTE.grid};"><strong>${escapeHtml(r.value)}</strong>` +
        (r.note
          ? `<br><span style="font-size:13px;color:${PALETTE.muted};">${escapeHtml(r.note)}</span>`
          : '') +
        `</td></tr>`,
    )
    .join('');
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">${trs}</table>`;
}

function tableHtml(columns: readonly string[], rows: readonly string[][], caption: string): string {
  // The first column (the week) never breaks; headings and figures may wrap at a space ("1 of 3"),
  // so that a table of eight weekly columns fits a 390 px phone without scrolling sideways.
  const cell = (text: string, i: number, head: boolean): string =>
    `<${head ? 'th' : 'td'} align="${i === 0 ? 'left' : 'right'}" valign="bottom" style="${FONT}padding:4px 3px;font-size:12px;${head || i > 0 ? 'white-space:normal;' : 'white-space:nowrap;'}` +
    `border-bottom:1px solid ${PALETTE.grid};color:${head ? PALETTE.muted : PALETTE.ink};${head ? 'font-weight:normal;' : ''}">${escapeHtml(text)}</${head ? 'th' : 'td'}>`;
  const head = `<tr>${columns.map((c, i) => cell(c, i, true)).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => cell(c, i, false)).join('')}</tr>`).join('');
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">${head}${body}</table>` +
    `<div style="font-size:12px;color:${PALETTE.muted};margin-top:4px;">${escapeHtml(caption)}</div>`
  );
}

function adviceHtml(item: AdviceItem): string {
  const colour = TONE_COLOUR[item.tone];
  const exercises =
    item.exercises && item.exercises.length > 0
      ? `<ul style="margin:6px 0 6px 18px;padding:0;">${item.exercises
          .map(
            (e) =>
              `<li style="margin:0 0 2px 0;">${escapeHtml(e.name)}: <strong>${escapeHtml(e.dose)}</strong></li>`,
          )
          .join('')}</ul>`
      : '';
  const source =
    item.source.length > 0
      ? `<div style="font-size:12px;color:${PALETTE.muted};margin-top:4px;">Source: ${escapeHtml(item.source.join('; '))}</div>`
      : '';
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 10px 0;">` +
    `<tr><td style="${FONT}border-left:4px solid ${colour};background:#f8fafc;padding:10px 12px;font-size:15px;line-height:21px;color:${PALETTE.ink};">` +
    `<div style="font-size:12px;font-weight:bold;text-transform:uppercase;letter-spacing:0.5px;color:${colour};">${escapeHtml(item.title)}</div>` +
    (item.body ? `<div style="margin-top:2px;">${escapeHtml(item.body)}</div>` : '') +
    exercises +
    `<div style="font-size:13px;color:${PALETTE.muted};margin-top:4px;">Why: ${escapeHtml(item.reason)}</div>${source}` +
    `</td></tr></table>`
  );
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return row(
        `<h2 style="${FONT}margin:0;font-size:18px;line-height:24px;color:${PALETTE.ink};">${escapeHtml(block.text)}</h2>`,
        '20px 24px 4px 24px',
      );
    case 'facts':
      return row(factsHtml(block.rows));
    case 'paragraph': {
      const colour = block.tone && block.tone !== 'normal' ? TONE_COLOUR[block.tone] : PALETTE.ink;
      return row(`<p style="margin:0;color:${colour};">${escapeHtml(block.text)}</p>`);
    }
    case 'image':
      return row(
        `<img src="cid:${escapeHtml(block.image.cid)}" width="${block.width}" height="${block.height}" alt="${escapeHtml(block.image.alt)}" ` +
          `style="display:block;width:100%;max-width:${block.width}px;height:auto;border:0;outline:none;">`,
        '8px 0',
      );
    case 'advice':
      return row(block.items.map(adviceHtml).join(''));
    case 'table':
      // Less side padding than prose: the table's columns get the phone's width.
      return row(tableHtml(block.columns, block.rows, block.caption), '8px 12px');
  }
}

function isSafeUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url);
}

/**
 * Renders a report document as HTML for email: a 600 px table layout with inline styles only, no
 * stylesheet, script or web font, charts as `<img src="cid:…">` with alt text, and every piece of
 * text escaped. Links other than http(s) and mailto are printed as text, not linked.
 */
export function renderHtml(doc: ReportDocument): string {
  const links = doc.links
    .map((l) =>
      isSafeUrl(l.url)
        ? `<a href="${escapeHtml(l.url)}" style="color:${PALETTE.primary};">${escapeHtml(l.label)}</a>`
        : `${escapeHtml(l.label)}: ${escapeHtml(l.url)}`,
    )
    .join(' &middot; ');
  const body = [
    row(
      `<h1 style="${FONT}margin:0;font-size:22px;line-height:28px;color:${PALETTE.ink};">${escapeHtml(doc.title)}</h1>` +
        `<div style="font-size:14px;color:${PALETTE.muted};margin-top:4px;">${escapeHtml(doc.subtitle)}</div>`,
      '24px 24px 8px 24px',
    ),
    ...doc.blocks.map(blockHtml),
    links ? row(`<p style="margin:0;font-size:14px;">${links}</p>`, '16px 24px 0 24px') : '',
    row(
      `<p style="margin:0;font-size:12px;color:${PALETTE.muted};">${escapeHtml(doc.footer)}</p>`,
      '16px 24px 24px 24px',
    ),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(doc.title)}</title></head>
<body style="margin:0;padding:0;background:#eef1f4;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#eef1f4;border-collapse:collapse;"><tr><td align="center" style="padding:16px 4px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border-collapse:collapse;">
${body}
</table>
</td></tr></table>
</body></html>
`;
}
