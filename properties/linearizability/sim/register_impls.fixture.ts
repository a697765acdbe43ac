/**
 * Two implementations of the register model: an atomic one, and one whose
 * incr() reads, lets other clients run, then writes what it read plus one:
 * two overlapping incr()s can lose an update.
 */
import type { Register_input, Register_output } from '../models/register.ts';
import { type Concurrent_impl, atomically } from './simulate.fixture.ts';

interface Cell {
  value: number;
}

function apply(cell: Cell, input: Register_input): Register_output {
  if (input.op === 'read') return cell.value;
  if (input.op === 'write') {
    cell.value = input.value;
    return 'ok';
  }
  return ++cell.value;
}

export const atomic_register: Concurrent_impl<Cell, Register_input, Register_output> = {
  init: () => ({ value: 0 }),
  run: (cell, input) => atomically(() => apply(cell, input)),
};

export const racy_incr_register: Concurrent_impl<Cell, Register_input, Register_output> = {
  init: () => ({ value: 0 }),
  *run(cell, input) {
    if (input.op !== 'incr') return yield* atomically(() => apply(cell, input));
    yield;
    const read = cell.value;
    yield;
    cell.value = read + 1;
    return read + 1;
  },
};
