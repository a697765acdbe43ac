/**
 * The page's one script, inline, and only for what cannot be done without
 * one: sorting and filtering the summary table, and the copy buttons. The
 * charts never depend on it. Controls that need it (the filter box, the copy
 * buttons) are rendered `hidden` and shown here, so with scripts off the page
 * has no dead controls. It adds no handler attributes: the page's content
 * security policy admits this script by its hash and nothing else.
 *
 * Sorting: a header cell's click orders its table's body rows by each cell's
 * `data-v` (its text when absent); `th[data-sort=num]` columns compare as numbers and
 * rows without a number stay last either way. A second click reverses.
 * Filtering: `input.filter[data-table=ID]` hides the rows of table ID whose
 * text does not contain what was typed (case-insensitive).
 */
export const SCRIPT = `
'use strict';
function sort_by(table, th) {
  const col = th.cellIndex, num = th.dataset.sort === 'num';
  const dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
  for (const h of th.parentNode.cells) h.removeAttribute('aria-sort');
  th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
  const key = (row) => { const c = row.cells[col]; return c === undefined ? '' : (c.dataset.v ?? c.textContent.trim()); };
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  rows.sort((a, b) => {
    const x = key(a), y = key(b);
    if (!num) return dir * x.localeCompare(y, undefined, { numeric: true, sensitivity: 'base' });
    const nx = x === '' ? NaN : Number(x), ny = y === '' ? NaN : Number(y);
    if (Number.isNaN(nx) || Number.isNaN(ny)) return Number.isNaN(nx) ? (Number.isNaN(ny) ? 0 : 1) : -1;
    return dir * (nx - ny);
  });
  body.append(...rows);
}
for (const table of document.querySelectorAll('table.sortable')) {
  for (const th of table.tHead.rows[0].cells) {
    th.tabIndex = 0;
    th.addEventListener('click', () => sort_by(table, th));
    th.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort_by(table, th); } });
  }
}
for (const input of document.querySelectorAll('input.filter')) {
  const table = document.getElementById(input.dataset.table);
  const count = document.getElementById(input.dataset.table + '-count');
  input.hidden = false;
  input.addEventListener('input', () => {
    const q = input.value.trim().toLowerCase();
    let shown = 0;
    for (const row of table.tBodies[0].rows) {
      row.hidden = q !== '' && !row.textContent.toLowerCase().includes(q);
      if (!row.hidden) shown++;
    }
    if (count) count.textContent = q === '' ? '' : shown + ' of ' + table.tBodies[0].rows.length + ' rows';
  });
}
function select_text(el) {
  const range = document.createRange();
  range.selectNodeContents(el);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
}
for (const button of document.querySelectorAll('button.copy')) {
  const code = button.parentNode.querySelector('code');
  button.hidden = false;
  button.addEventListener('click', () => {
    const done = (label) => { button.textContent = label; setTimeout(() => { button.textContent = 'copy'; }, 1500); };
    const fallback = () => { select_text(code); done(document.execCommand('copy') ? 'copied' : 'selected'); };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(code.textContent).then(() => done('copied'), fallback);
    else fallback();
  });
}
`;
