import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One temporary folder per run, removed at the end; the BIND install hint, once.
    globalSetup: ["test/global-setup.ts"],
    // Synthesizing a stack takes about a second; BIND labs take longer to start.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: keep the worker count at two so BIND and synth do not starve each other.
    pool: "forks",
    maxWorkers: 2,
  },
});
