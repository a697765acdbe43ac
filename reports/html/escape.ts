/**
 * Every string from a report (file names, messages, a student's output)
 * reaches the page through `esc`: after it, the text can sit in an element or
 * in a quoted attribute and never be read as markup. C0 control characters
 * (but tab, newline and carriage return) become their visible Control Pictures
 * (U+2400…), so a student's escape sequences show instead of vanishing.
 */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(s: string): string {
  return s
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)))
    .replace(/\u007f/g, '\u2421');
}
