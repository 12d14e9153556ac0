import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "dist/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench-data/**", "data/**"],
  },
  {
    files: ["lib/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "error" },
  },
];

export default config;
