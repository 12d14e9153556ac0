/**
 * A real OpenID Connect provider for the e2e (panva's oidc-provider, the certified implementation):
 * discovery, signed ID tokens, PKCE required, a userinfo endpoint, and its development login and
 * consent forms (any password; the login names an account below). Groups are released under the
 * `groups` scope, and only from userinfo (ID tokens carry just `sub`), as many real providers do.
 * Tokens can be revoked (RFC 7009). `PUT /test/groups/<account>` with a JSON list changes an
 * account's groups, as an administrator would at a real provider (test support only).
 */
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { ACCOUNTS, type TestAccount } from "./oidc-config";

export interface OidcProviderOptions {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export async function startOidcProvider(o: OidcProviderOptions): Promise<{ issuer: string; close: () => Promise<void> }> {
  const accounts: Record<string, TestAccount | undefined> = { ...ACCOUNTS };
  const issuer = `http://127.0.0.1:${o.port}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), use: "sig", alg: "RS256", kid: "e2e" };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: o.clientId,
        client_secret: o.clientSecret,
        redirect_uris: [o.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "preferred_username"],
      groups: ["groups"],
    },
    findAccount: async (_ctx: unknown, sub: string) => {
      const a = accounts[sub];
      if (!a) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, name: a.name, preferred_username: sub, email: a.email, email_verified: true, groups: a.groups }),
      };
    },
    jwks: { keys: [jwk] },
    cookies: { keys: ["clearance-e2e-oidc-cookie-key"] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, revocation: { enabled: true } },
  });
  const callback = provider.callback();
  const server = http.createServer((req, res) => {
    const m = /^\/test\/groups\/([a-z]+)$/.exec(req.url ?? "");
    if (req.method !== "PUT" || !m || !accounts[m[1]]) return void callback(req, res);
    let body = "";
    req.on("data", (c: Buffer) => (body += c));
    req.on("end", () => {
      accounts[m[1]] = { ...accounts[m[1]]!, groups: JSON.parse(body) as string[] };
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    issuer: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
