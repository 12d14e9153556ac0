// GET /api/c/:source/rbac/completions — verbs, resources and namespaces for the who-can pickers
import { completions, rbacExplorerOf } from "@/lib/rbac/explorer";
import { route } from "@/server/api";

export const GET = route({}, async ({ snapshot }) => completions(rbacExplorerOf(await snapshot()).index));
