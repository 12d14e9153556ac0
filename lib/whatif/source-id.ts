/**
 * A source seen with a draft has its own source id, `<source>~<draft id>`, so every page and API
 * route of the dashboard shows "with draft" through the id alone, and the URL can be shared.
 */

/** 128 random bits, base64url: unguessable, so holding the link is what sharing means. */
export const DRAFT_ID = /^[A-Za-z0-9_-]{22}$/;

export interface DraftSourceId {
  base: string;
  draft?: string;
}

export function splitSourceId(id: string): DraftSourceId {
  const i = id.lastIndexOf("~");
  if (i > 0 && DRAFT_ID.test(id.slice(i + 1))) return { base: id.slice(0, i), draft: id.slice(i + 1) };
  return { base: id };
}

export function withDraft(base: string, draft: string | undefined): string {
  return draft ? `${splitSourceId(base).base}~${draft}` : splitSourceId(base).base;
}
