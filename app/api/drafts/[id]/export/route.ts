// GET /api/drafts/:id/export — the draft as a YAML file to commit
import { exportDraft } from "@/lib/whatif/api";
import { route } from "@/server/api";
import { getDraft } from "@/server/drafts";

export const GET = route({}, async ({ params }) => {
  const d = await getDraft(params.id);
  const file = `${d.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "draft"}.yaml`;
  return new Response(exportDraft(d, new Date()), {
    headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="${file}"`, "cache-control": "no-store" },
  });
});
