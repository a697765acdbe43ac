/**
 * A block of text to copy (a shrunk counterexample, a replay command) as
 * `<pre><code>` with a copy button; the button copies exactly the code's text.
 * The button starts hidden and the page's script shows it (script.ts).
 */
import { esc } from './escape.ts';

export function code_block(text: string, cls = ''): string {
  return `<div class="code"><pre${cls === '' ? '' : ` class="${cls}"`}><code>${esc(text)}</code></pre><button type="button" class="copy" hidden>copy</button></div>`;
}

/** The command that shows a failure again, labelled. */
export function replay_block(command: string): string {
  return `<p class="muted">replay:</p>${code_block(command)}`;
}
