import type { MailImage } from './outgoing-mail.ts';

/**
 * Replaces every `cid:<id>` reference in the HTML with a `data:image/png;base64,…` URI of the
 * matching image, so the file opens with its charts in a browser. Unknown cids are left alone.
 */
export function inlineImages(html: string, images: readonly MailImage[]): string {
  const byCid = new Map(images.map((img) => [img.cid, img]));
  return html.replace(/cid:([^"'\s)>]+)/g, (whole, cid: string) => {
    const img = byCid.get(cid);
    if (!img) return whole;
    return `data:image/png;base64,${Buffer.from(img.png).toString('base64')}`;
  });
}
