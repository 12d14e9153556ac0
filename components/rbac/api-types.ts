/** Response shapes of /api/c/:source/rbac/* (built by lib/rbac/explorer.ts), for the client. */
export type { Completions, GraphReply, NodeDetail, NodeRef, NodeSearch, PermissionGrid, SubjectAnswer, SubjectPermissions, WhoCanReply, GridRow, BindingLine, RuleLine, PathView } from "@/lib/rbac/explorer";
export type { AccessMatrix } from "@/lib/rbac";
