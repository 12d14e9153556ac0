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
  },  // The layers (ARCHITECTURE.md), enforced: testing/lint-boundaries.test.ts lints a violation of each.
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/server/**", "@/server/**", "@/app/**", "@/components/**", "**/components/**"], message: "lib/ is pure: it must not import server/, app/ or components/ (ARCHITECTURE.md)." },
            { group: ["node:*", "fs", "fs/*", "child_process", "net", "http", "https", "os", "worker_threads"], message: "lib/ does no I/O: read files and the network in server/ and pass data in." },
            { group: ["react", "react-dom", "react/*", "next", "next/*", "@tanstack/*"], message: "lib/ has no UI: React and Next.js belong in app/ and components/." },
            { group: ["@kubernetes/client-node", "better-sqlite3", "pg", "server-only"], message: "lib/ does not talk to clusters or databases: that is server/." },
          ],
        },
      ],
    },
  },
  {
    // components/ render DTOs: data from /api, types from lib/. Of the RBAC and network engines only the
    // modules written for the browser (URL state, the question parser, answer filters, node ids, permission text, the network view keys) may be
    // imported as values, so the engines stay out of the client bundle.
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/server/**", "@/server/**"], message: "components/ render DTOs: take data from /api, types from lib/, never server/." },
            {
              regex: "^@/lib/((rbac|netpol|analysis|posture)(/(?!(explorer-url|explorer-question|explorer-answer|node-ids|permission-text|policy-id|view-keys)$).*)?|compliance(/.*)?|findings/(score|scan)|fleet/fleet)$",
              allowTypeImports: true,
              message: "The engines stay out of the browser bundle: import types only (the route computes the answer), or a module written for the browser.",
            },
          ],
        },
      ],
    },
  },
  {
    // "server-only" loads only under Next's react-server condition; bin/clearance, the e2e server, bench and
    // conformance run server/ with plain node. So only what Next alone loads may carry the marker.
    files: ["server/**/*.ts"],
    ignores: ["server/api.ts", "server/auth/**", "server/metrics.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "server-only", message: "Only modules Next alone loads (server/api.ts, server/auth/, server/metrics.ts) are server-only: the CLI, bench and conformance import the rest with plain node." }] }],
    },
  },
  {
    // Routes hold no logic: one wrapper (server/api.ts route), a zod schema, one call. next-auth's
    // catch-all (app/api/auth) is next-auth's own handler.
    files: ["app/api/**/route.ts"],
    ignores: ["app/api/auth/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "Program > FunctionDeclaration, Program > ClassDeclaration", message: "A route holds no logic: put helpers in lib/ (or server/) and call one function." },
        { selector: ":matches(ForStatement, ForInStatement, ForOfStatement, WhileStatement, DoWhileStatement)", message: "A route holds no logic: loops belong in lib/." },
        { selector: "CallExpression[callee.name='route'] CallExpression[callee.property.name=/^(map|filter|reduce|flatMap|forEach|sort|find|some|every)$/]", message: "A route holds no logic: shaping lists belongs in lib/ (or server/)." },
      ],
    },
  },
];

export default config;
