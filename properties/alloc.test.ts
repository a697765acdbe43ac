import { describe } from 'vitest';
import { ALLOC_CHECKS } from './all_properties.ts';
import { holds_at_seeds } from './fixed_seeds.fixture.ts';

describe('allocator property, fixed seeds', () => {
  const [agree, long] = ALLOC_CHECKS;

  holds_at_seeds('reference and candidate agree, every heap check holds', agree!, [1, 2, 3], 40, 10);
  holds_at_seeds('holds over long programs', long!, [4], 4, 100);
});
