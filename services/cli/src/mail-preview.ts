import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inlineImages, type RenderedMail } from '@runcue/notifier';
import type { CliContext } from './cli-context.ts';

/** Writes an email as one HTML file with its charts inline, for its owner only, and says where. */
export async function writeMailPreview(ctx: CliContext, to: string, mail: RenderedMail): Promise<void> {
  const file = path.resolve(ctx.config.cwd, to);
  await writeFile(file, inlineImages(mail.html, mail.images), { mode: 0o600 });
  ctx.stdout(`preview: ${file} (${mail.subject})\n`);
}
