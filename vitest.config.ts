import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'bench/**', '.stryker-tmp/**'],
    testTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['model/**/*.ts', 'impl/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.fixture.ts'],
      reporter: ['text-summary'],
      thresholds: {
        'model/**/*.ts': { lines: 95, branches: 90 },
        'impl/**/*.ts': { lines: 95, branches: 90 },
      },
    },
  },
});
