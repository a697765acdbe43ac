/** Every reporter, one per format (reports/report.ts). */
import { autolab } from './autolab.ts';
import { csv } from './csv.ts';
import { gradescope } from './gradescope.ts';
import { html } from './html.ts';
import { json } from './json.ts';
import { junit } from './junit.ts';
import type { Reporter } from './report.ts';
import { terminal } from './terminal.ts';

export const REPORTERS: readonly Reporter[] = [terminal, json, csv, junit, html, gradescope, autolab];
