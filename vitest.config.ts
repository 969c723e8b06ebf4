import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // Two files at once on two cores: most integration tests wait on the git and build processes they
    // start, so one worker (vitest's default here: cores − 1) left a core idle. Measured on this 2-core
    // machine, idle: 622 s with one worker, 343 s with two.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
