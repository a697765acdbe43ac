/**
 * The page shell: one self-contained HTML file. Its content security policy
 * forbids every fetch (default-src 'none') and admits exactly the inline
 * stylesheet and script by their sha256, so even a string that escaped `esc`
 * could neither run a script nor load anything. Pure: the hashes are computed
 * from constant text.
 */
import { createHash } from 'node:crypto';
import { esc } from './escape.ts';
import { SCRIPT } from './script.ts';
import { STYLE } from './style.ts';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const POLICY = [
  "default-src 'none'",
  `style-src ${sha256(STYLE)}`,
  `script-src ${sha256(SCRIPT)}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** `body` is markup already escaped; `title` is plain text. */
export function html_document(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
