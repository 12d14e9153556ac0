/**
 * A self-signed certificate for the fake API server, valid for localhost and 127.0.0.1, generated
 * once per process (selfsigned 5 is async). Its PEM goes into the kubeconfig as
 * certificate-authority-data, so the client verifies TLS for real.
 */
import { generate } from "selfsigned";

export interface ServerCert {
  cert: string;
  key: string;
}

let pending: Promise<ServerCert> | undefined;

export function serverCert(): Promise<ServerCert> {
  pending ??= generate([{ name: "commonName", value: "clearance-fake-apiserver" }], {
    keyType: "ec",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true },
      { name: "keyUsage", digitalSignature: true, keyCertSign: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] },
    ],
  }).then((p) => ({ cert: p.cert, key: p.private }));
  return pending;
}
