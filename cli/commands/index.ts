/**
 * Every command, by name, with the line `clearance --help` shows. Modules load on use, so `--help`
 * and `--version` read no analysis code.
 */
import type { CommandEntry } from "./types";

export const COMMANDS: CommandEntry[] = [
  { name: "snapshot", summary: "show what a source contains: objects per kind and namespace, skipped documents, unreadable kinds", load: async () => (await import("./snapshot")).snapshotCommand },
  { name: "scan", summary: "findings across RBAC, network, workloads, admission and platform, with the posture score (table, JSON, CSV, SARIF, Markdown, JUnit)", load: async () => (await import("./scan")).scanCommand },
  { name: "diff", summary: "what changes between two sources: findings, RBAC grants and reachability", load: async () => (await import("./diff")).diffCommand },
  { name: "whatif", summary: "what a draft change would do before it is applied: reachability, grants, findings, score", load: async () => (await import("./whatif")).whatifCommand },
  { name: "fix", summary: "the smallest change that removes a finding or a grant, as a draft, with who loses what", load: async () => (await import("./fix")).fixCommand },
  { name: "fleet", summary: "every cluster of the kubeconfig side by side: score, grade, criticals, CNI, errors, and each rule's spread", load: async () => (await import("./fleet")).fleetCommand },
  { name: "reach", summary: "who can reach whom: one flow explained (--from/--to/--port), or every allowed connection", load: async () => (await import("./reach")).reachCommand },
  { name: "who-can", summary: "who can do VERB on RESOURCE (or a non-resource URL), and through which binding", load: async () => (await import("./who-can")).whoCanCommand },
  { name: "permissions", summary: "what a user, group or service account can do, per namespace, and through which binding", load: async () => (await import("./permissions")).permissionsCommand },
  { name: "suggest-role", summary: "right-sized roles for a subject from what an audit log shows it used, checked, with what today's bindings would lose", load: async () => (await import("./suggest-role")).suggestRoleCommand },
  { name: "serve", summary: "the dashboard from this install, on loopback (--port, --host, --open, --demo)", load: async () => (await import("./serve")).serveCommand },
];
