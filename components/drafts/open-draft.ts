"use client";
/**
 * Opening YAML as a draft, for any page: `openAsDraft(router, source, yaml, title)` saves a new draft
 * (POST /api/drafts) and goes to its page, where the summary says what it would do.
 */
import { api } from "@/components/api";
import type { DraftBody, DraftView } from "@/lib/whatif/api";

/** Creates a draft, or changes the draft `id`. */
export function saveDraft(body: DraftBody, id?: string): Promise<DraftView> {
  return api<DraftView>(id ? `/api/drafts/${encodeURIComponent(id)}` : "/api/drafts", { method: id ? "PUT" : "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

export async function openAsDraft(router: { push(url: string): void }, source: string, text: string, title: string): Promise<DraftView> {
  const d = await saveDraft({ source, text, title });
  router.push(d.url);
  return d;
}
