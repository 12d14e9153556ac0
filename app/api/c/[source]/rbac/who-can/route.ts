// GET /api/c/:source/rbac/who-can — subjects allowed a request, with every path that grants it
import { z } from "zod";
import { askWhoCan, rbacExplorerOf } from "@/lib/rbac/explorer";
import { route } from "@/server/api";
import { WhoCanFields, questionOf } from "../query";

const Query = z.object(WhoCanFields);

export const GET = route({ query: Query }, async ({ snapshot, query }) => askWhoCan(rbacExplorerOf(await snapshot()).index, questionOf(query)));
