/** A trace's heap pictures, side by side: the footprint over the replay and, where there is one, the map at the peak. */
import type { Heap_picture } from '../../properties/trace/heap_picture.ts';
import { esc } from './escape.ts';
import { footprint_chart } from './footprint_chart.ts';
import { heap_map_chart } from './heap_map_chart.ts';

export function picture_section(p: Heap_picture, trace: string): string {
  return [
    `<h3>The heap on ${esc(trace)}</h3>`,
    '<div class="charts">',
    footprint_chart(p.footprint, p.heap_map?.op),
    p.heap_map === undefined ? '' : heap_map_chart(p.heap_map),
    '</div>',
  ].join('\n');
}
