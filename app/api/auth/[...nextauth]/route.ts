// GET|POST /api/auth/* — next-auth: sign-in with the OpenID Connect provider, callback, session, sign-out
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authConfig } from "@/server/auth/config";
import { authOptions } from "@/server/auth/options";

export const dynamic = "force-dynamic";

async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  const cfg = authConfig();
  if (cfg.mode !== "oidc") {
    return Response.json({ error: { code: "not_found", message: "sign-in is off on this server (CLEARANCE_AUTH=none)" } }, { status: 404, headers: { "cache-control": "no-store" } });
  }
  return NextAuth(req, ctx, authOptions(cfg));
}

export { handler as GET, handler as POST };
