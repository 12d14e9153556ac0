/**
 * The drafts API's contract, shared by the routes (app/api/drafts/**, app/api/c/:source/whatif and
 * /manifest) and their clients: request bodies as zod schemas, responses as types.
 *
 * Opening YAML as a draft from anywhere (a proposed fix, a right-sized role): POST /api/drafts with
 * `{"source": "<source id>", "text": "<YAML>", "title": "…"}` answers a DraftView whose `url` opens
 * the draft's page; `draftLink()` builds the same request for a client.
 */
import { stringify } from "yaml";
import { z } from "zod";
import type { LoadIssue } from "../model";
import { parseDraft, type DraftEntry } from "./draft";
import { withDraft } from "./source-id";

export const DraftBody = z.object({
  source: z.string().min(1).max(300),
  text: z.string().max(4 * 1024 * 1024),
  title: z.string().max(200).optional(),
});
export type DraftBody = z.infer<typeof DraftBody>;

export const DraftUpdateBody = DraftBody.partial();
export type DraftUpdateBody = z.infer<typeof DraftUpdateBody>;

/** One entry of a draft as written (the summary says whether a write creates or replaces). */
export interface DraftEntryRow {
  op: DraftEntry["op"];
  kind: string;
  namespace?: string;
  name: string;
  line?: number;
}

export interface DraftView {
  id: string;
  title: string;
  /** The source it was written against, and the source id that shows that source with the draft. */
  source: string;
  sourceId: string;
  /** The draft's page. */
  url: string;
  text: string;
  owner: string;
  /** The viewer owns it (may change and delete it). */
  mine: boolean;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  entries: DraftEntryRow[];
  /** What could not be read in the text. */
  issues: LoadIssue[];
}

export function draftUrl(source: string, id: string): string {
  return `/c/${encodeURIComponent(withDraft(source, id))}/draft`;
}

/** A stored draft (server/store Draft) as the client sees it. */
export function draftView(d: { id: string; title: string; sourceId: string; yaml: string; owner: string; createdAt: string; updatedAt: string; expiresAt: string }, mine: boolean): DraftView {
  const parsed = parseDraft(d.yaml);
  return {
    id: d.id,
    title: d.title,
    source: d.sourceId,
    sourceId: withDraft(d.sourceId, d.id),
    url: draftUrl(d.sourceId, d.id),
    text: d.yaml,
    owner: d.owner,
    mine,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    expiresAt: d.expiresAt,
    entries: parsed.entries.map((e) => ({ op: e.op, kind: e.kind, ...(e.namespace ? { namespace: e.namespace } : {}), name: e.name, ...(e.line ? { line: e.line } : {}) })),
    issues: parsed.issues,
  };
}

/** A manifest as YAML for a draft: with a `# clearance: patch` line when it is a patch. */
export function manifestYaml(manifest: unknown, opts: { patch?: boolean; comment?: string } = {}): string {
  const head = [...(opts.comment ? opts.comment.split("\n").map((l) => `# ${l}`) : []), ...(opts.patch ? ["# clearance: patch"] : [])];
  return `${head.length ? `${head.join("\n")}\n` : ""}${stringify(manifest, { lineWidth: 0 })}`;
}

/** Documents joined into one draft text. */
export function joinDocuments(docs: readonly string[]): string {
  return docs.map((d) => d.trim()).filter(Boolean).join("\n---\n") + "\n";
}

/** The draft as a file to commit: a header saying how to apply each part, then the draft. */
export function exportDraft(d: { title: string; sourceId: string; yaml: string }, exportedAt: Date): string {
  return [
    `# Clearance draft: ${d.title.replace(/[\r\n]+/g, " ")}`,
    `# Written against ${d.sourceId}; exported ${exportedAt.toISOString()}.`,
    "# Ordinary documents are complete manifests (kubectl apply -f). Documents marked `clearance: patch`",
    "# are strategic merge patches (kubectl patch KIND NAME -n NS --type strategic --patch-file FILE).",
    "# Lines `clearance: delete KIND NS/NAME` are deletions (kubectl delete KIND NAME -n NS).",
    "# `clearance whatif --draft FILE` reads this file as it is.",
    "",
    d.yaml.trim(),
    "",
  ].join("\n");
}
