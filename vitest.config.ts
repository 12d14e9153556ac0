import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * Two projects, both run by `vitest run`: `unit` (tests next to the code) and `hostile` (testing/hostile:
 * hostile files, API servers and names, the fuzz targets). The hostile suite measures memory in its
 * own process, so it runs in forks, one file per process; `npm test` runs it as its own step.
 */
export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    alias: { "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)) },
  },
  test: {
    environment: "node",
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "server/**/*.test.ts", "cli/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts", "testing/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "testing/hostile/**"],
          pool: "threads",
        },
      },
      {
        extends: true,
        test: { name: "hostile", include: ["testing/hostile/**/*.test.ts"], pool: "forks", execArgv: ["--expose-gc"] },
      },
    ],
  },
});
