import "server-only";
/**
 * Who is asking. Until sign-in is configured (issue 6) every request is the local user; this is
 * the one place the API wrapper asks, so sign-in plugs in here.
 */
export interface Viewer {
  name: string;
  email?: string;
  groups: string[];
}

export type GuardResult = { ok: true; viewer: Viewer } | { ok: false; status: 401 | 403; message: string };

export async function guard(_req: Request): Promise<GuardResult> {
  void _req;
  return { ok: true, viewer: { name: "local", groups: [] } };
}
