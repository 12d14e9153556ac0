// GET /api/c/:source/manifest — one object as YAML, to edit in a draft (or why it cannot be)
import { z } from "zod";
import { manifestOf } from "@/lib/whatif/apply";
import { manifestYaml } from "@/lib/whatif/api";
import { ClearanceError, route } from "@/server/api";

const Query = z.object({ kind: z.string().min(1).max(100), namespace: z.string().max(253).optional(), name: z.string().min(1).max(253) });

export const GET = route({ query: Query }, async ({ snapshot, query }) => {
  const m = manifestOf(await snapshot(), query);
  if ("error" in m) throw new ClearanceError("not_found", m.error);
  const comment = m.lossy ? "as Clearance read it: fields it does not analyse (environment values, volume sources, status) are left out" : undefined;
  return { yaml: manifestYaml(m.manifest, { comment }), lossy: m.lossy };
});
