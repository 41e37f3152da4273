import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/architecture/**/*.test.ts',
      'tests/common/**/*.test.ts',
      'tests/main/**/*.test.ts',
      'tests/preload/**/*.test.ts',
      'tests/renderer/**/*.test.ts',
      'tests/scripts/**/*.test.ts',
      'tests/durability/**/*.test.ts',
      'tests/security/**/*.test.ts',
    ],
    environment: 'node',
  },
});
